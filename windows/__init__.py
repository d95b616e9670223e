"""The Windows build: version information for the executables, the installer script, and the checks the
Windows pipeline (.github/workflows/windows.yml) runs on the built folder."""
