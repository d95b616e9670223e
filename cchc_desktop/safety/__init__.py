"""Keeping the commune's record safe: automatic snapshots, archives to carry away and restore,
integrity checks, recovery after a power cut, and one program per data folder."""
