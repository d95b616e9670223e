"""The statistics form: formulas, checks and number reading, without any storage."""
