"""Vietnamese for the strings Qt itself shows (buttons, context menus, the file dialog).

Qt ships no Vietnamese catalog, so a small translator answers for the texts an officer
meets: standard buttons, the right-click menu of text fields and Qt's own file dialog.
"""
from __future__ import annotations

from PySide6.QtCore import QTranslator

QT_STRINGS = {
    # standard buttons (QPlatformTheme, QDialogButtonBox, QMessageBox)
    "OK": "Đồng ý", "&OK": "Đồng ý", "Cancel": "Hủy", "&Cancel": "Hủy", "Close": "Đóng", "&Close": "Đóng",
    "Save": "Lưu", "&Save": "Lưu", "Open": "Mở", "&Open": "Mở", "Apply": "Áp dụng", "Reset": "Đặt lại",
    "Yes": "Có", "&Yes": "Có", "No": "Không", "&No": "Không", "Yes to &All": "Có với tất cả",
    "N&o to All": "Không với tất cả", "Discard": "Bỏ qua", "Don't Save": "Không lưu",
    "Close without Saving": "Đóng mà không lưu", "Help": "Trợ giúp", "Abort": "Dừng", "Retry": "Thử lại",
    "Ignore": "Bỏ qua", "Restore Defaults": "Khôi phục mặc định", "Save All": "Lưu tất cả",
    "Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết…",
    # text field menus (QLineEdit, QWidgetTextControl)
    "&Undo": "Hoàn tác", "&Redo": "Làm lại", "Cu&t": "Cắt", "&Copy": "Sao chép", "&Paste": "Dán",
    "Delete": "Xóa", "Select All": "Chọn tất cả", "Copy &Link Location": "Sao chép liên kết",
    "&Step up": "Tăng", "Step &down": "Giảm",
    # Qt's own file dialog (Linux without a native one)
    "Look in:": "Tìm trong:", "&Look in:": "Tìm trong:", "File &name:": "Tên tệp:", "Files of type:": "Kiểu tệp:",
    "Files of &type:": "Kiểu tệp:",
    "&Choose": "Chọn", "Back": "Quay lại", "Forward": "Tiến tới", "Parent Directory": "Thư mục cha",
    "Create New Folder": "Tạo thư mục mới", "List View": "Dạng danh sách", "Detail View": "Dạng chi tiết",
    "Name": "Tên", "Size": "Kích thước", "Type": "Kiểu", "Date Modified": "Ngày sửa",
    "All Files (*)": "Mọi tệp (*)", "Directories": "Thư mục", "Directory:": "Thư mục:",
    "New Folder": "Thư mục mới", "&New Folder": "Thư mục mới", "&Delete": "Xóa", "&Rename": "Đổi tên",
    "Show &hidden files": "Hiện tệp ẩn", "Recent Places": "Nơi gần đây", "My Computer": "Máy tính",
    "Computer": "Máy tính", "Find Directory": "Tìm thư mục", "Save As": "Lưu thành",
    "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nBạn có muốn ghi đè không?",
    # print dialogs
    "Print": "In", "&Print": "In", "Print Preview": "Xem trước khi in", "Page Setup": "Thiết lập trang",
}


class VietnameseQtTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 (Qt API)
        # None becomes a null QString, which Qt reads as "no translation here"; an empty
        # string would be taken as the translation and blank out Qt's own texts.
        return QT_STRINGS.get(source_text)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return False
