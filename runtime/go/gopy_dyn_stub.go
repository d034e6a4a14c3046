// gopy_dyn_stub.go: TEMPORARY link stubs for the interface-value exports
// until runtime/go/gopy_dyn.go lands. Not for commit at the end.

package main

/*
#include "gopy_abi.h"
*/
import "C"

//export gopy_value_describe
func gopy_value_describe(h int64, typ *C.gopy_str, val *C.gopy_str) C.gopy_fail_addr {
	return 0
}

//export gopy_error_is
func gopy_error_is(a int64, b int64) uint8 {
	return 0
}

//export gopy_ref_new
func gopy_ref_new(v *C.gopy_val, out *int64) C.gopy_fail_addr {
	return 0
}

//export gopy_ref_get
func gopy_ref_get(h int64, out *C.gopy_val) C.gopy_fail_addr {
	return 0
}

//export gopy_ref_set
func gopy_ref_set(h int64, v *C.gopy_val) C.gopy_fail_addr {
	return 0
}
