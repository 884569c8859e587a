"""The shared pieces of conversation: reaching the store, showing, formatting, the common steps."""
