"""CCHC Desktop application core. No Qt import anywhere below this package."""

APP_NAME = "CCHC Desktop"
APP_TITLE = "Quản lý Cải cách hành chính xã"
__version__ = "0.1.0"
