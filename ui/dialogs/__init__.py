"""Dialogs: each module has a layout class (widgets only) and a behaviour class (OpenLP's split)."""
