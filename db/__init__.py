"""SQLite layer: connections, numbered migrations, seed catalogs. Imports nothing above it."""
