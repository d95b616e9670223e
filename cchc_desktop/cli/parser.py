"""argparse speaking Vietnamese: its built-in usage and error texts go through a catalog."""
from __future__ import annotations

import argparse
import sys

_ARGPARSE_VI = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "Tham số",
    "options": "Tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn %(value)r không hợp lệ (chọn một trong: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s không rõ, có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "subcommands": "Lệnh",
}


# The word shown for an option's value in --help ("--year NĂM"), by the option's dest; argparse would
# print the dest in English capitals.
_VALUE_NAMES = {
    "year": "NĂM", "date": "NGÀY", "doc_date": "NGÀY", "completed": "NGÀY", "number": "SỐ", "title": "TÊN",
    "name": "TÊN", "issuer": "CƠ_QUAN", "summary": "TRÍCH_YẾU", "reason": "LÝ_DO", "code": "MÃ",
    "lead": "CHỦ_TRÌ", "coordinator": "PHỐI_HỢP", "deadline": "THỜI_HẠN", "parent": "STT",
    "product": "SẢN_PHẨM", "province": "TỈNH", "cutoff": "NGÀY", "bands": "MỨC", "text": "NỘI_DUNG", "item": "MÃ",
    "indicator": "MÃ", "score": "ĐIỂM", "note": "GHI_CHÚ", "out": "TỆP", "source_year": "NĂM", "id": "MÃ", "progress": "PHẦN_TRĂM", "result": "KẾT_QUẢ", "plan": "KẾ_HOẠCH", "signer": "HỌ_TÊN",
}


def _vi(message: str) -> str:
    return _ARGPARSE_VI.get(message, message)


def _vi_n(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "cần %s giá trị"
    return _vi(singular if n == 1 else plural)


argparse._ = _vi  # argparse resolves these module globals at call time
argparse.ngettext = _vi_n


class VietnameseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="hiện hướng dẫn này rồi thoát")

    def add_argument(self, *args, **kwargs):
        takes_value = kwargs.get("action") in (None, "store", "append") and kwargs.get("nargs") != 0
        if args and args[0].startswith("--") and takes_value and not {"metavar", "choices"} & kwargs.keys():
            dest = kwargs.get("dest") or args[0][2:].replace("-", "_")
            kwargs["metavar"] = _VALUE_NAMES[dest]     # a KeyError here: give the new option a Vietnamese name
        return super().add_argument(*args, **kwargs)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi: {message}\nXem hướng dẫn: {self.prog} --help\n")
