"""The Qt front end. Thin: it calls the services in ``cchc_desktop``, never SQL."""
import sys


def _skip_feature_scan() -> None:
    """PySide6 reads the source of every module imported after it, looking for ``from __feature__ import``
    (its snake_case and true_property options). The program uses neither, and on a source run the scan reads
    some 130 files: about 20 ms of every start. Say that no module uses a feature; the frozen build, which
    has no source to read, behaves the same."""
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport, where the scan lives)
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        feature._mod_uses_pyside = lambda module: False


_skip_feature_scan()
