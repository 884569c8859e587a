"""The Bot API simulator and the terminal chat of `coopbot sandbox`."""
