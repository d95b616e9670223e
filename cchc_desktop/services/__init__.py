"""Application services. Each takes a ``Session`` (one thread's connection)."""
