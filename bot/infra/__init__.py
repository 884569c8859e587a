"""What every update goes through around the handlers: once, access, flood, persistence, sending, webhook, logs."""
