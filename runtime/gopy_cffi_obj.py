# gopy_cffi_obj.py: the classes of Go types in a cffi module (copied into
# every generated cffi package as NAME/_gopy_obj.py), the counterpart of
# gopy_obj.c: struct classes whose instances hold a handle to a Go value,
# and classes of named basic types, which subclass a Python builtin.

from . import _gopy as _rt
