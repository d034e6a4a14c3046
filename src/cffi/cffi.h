/*
 * cffi.h: the cffi backend, PyPy's fast path into C: a Python package
 * over a cffi extension, with the Python runtime in runtime/cffi/.
 *
 *   emit_cffi  cffi_build.py: the C half of a cffi module, one C shim per
 *              export, compiled with the glue (src/cffi/emit_shims.c).
 *   emit_py    NAME/__init__.py: the Python half of a cffi module, with
 *              src/cffi/emit_class.c and src/cffi/emit_view.c
 *              (layered over src/cffi/emit_pieces.h).
 */
#ifndef GOPY_CFFI_H
#define GOPY_CFFI_H

#include "backend.h"
#include "sb.h"
#include "support.h"

void emit_cffi(const plan *p, sb *out);
void emit_py(const plan *p, sb *out);

/* The declarations of runtime/gopy_abi.h that cffi must know, as its
 * cdef wants them: the block between the header's "cffi cdef" markers,
 * without comments, one declaration a line. The header is the one
 * description of the ABI; both backends read it (src/cffi/abi_cdef.c). */
void cffi_abi_cdef(sb *out);

/* The descriptor (src/cffi/backend.c). */
extern const backend backend_cffi;

#endif
