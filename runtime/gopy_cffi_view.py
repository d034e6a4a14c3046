# gopy_cffi_view.py: the views of Go slices, arrays and maps in a cffi
# module (copied into every generated cffi package as NAME/_gopy_view.py),
# the counterpart of gopy_view.c.

from . import _gopy as _rt
