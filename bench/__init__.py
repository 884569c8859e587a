"""`make bench`: the benchmark and its data generator."""
