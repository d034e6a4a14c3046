// gopy_dyn_stub.go: TEMPORARY stand-ins for the exports of gopy_dyn.go so
// that modules link while the C side is tested. Removed before merging.

package main

/*
#include <stdlib.h>
#include "gopy_abi.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"reflect"
	"unsafe"
)

//export gopy_value_describe
func gopy_value_describe(h int64, typ *C.gopy_str, val *C.gopy_str) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	v := reflect.ValueOf(gopyGet(h)).Elem().Interface()
	*typ = gopyCStr(fmt.Sprintf("%T", v))
	*val = gopyCStr(fmt.Sprintf("%v", v))
	return 0
}

//export gopy_error_is
func gopy_error_is(a int64, b int64) C.uchar {
	ea := *gopyGet(a).(*error)
	eb := *gopyGet(b).(*error)
	if errors.Is(ea, eb) {
		return 1
	}
	return 0
}

func gopyStubFromVal(v *C.gopy_val) any {
	switch v.kind {
	case C.GOPY_VAL_NIL:
		return nil
	case C.GOPY_VAL_BOOL:
		return v.i != 0
	case C.GOPY_VAL_INT:
		return int(v.i)
	case C.GOPY_VAL_UINT:
		return uint64(v.i)
	case C.GOPY_VAL_FLOAT:
		return float64(v.f)
	case C.GOPY_VAL_COMPLEX:
		return complex(float64(v.f), float64(v.f2))
	case C.GOPY_VAL_STR:
		return C.GoStringN(v.str.p, C.int(v.str.n))
	case C.GOPY_VAL_BYTES:
		return C.GoBytes(unsafe.Pointer(v.str.p), C.int(v.str.n))
	case C.GOPY_VAL_LIST:
		items := unsafe.Slice(v.items, int(v.i))
		out := make([]any, len(items))
		for k := range items {
			out[k] = gopyStubFromVal(&items[k])
		}
		return out
	case C.GOPY_VAL_DICT:
		items := unsafe.Slice(v.items, 2*int(v.i))
		out := map[string]any{}
		for k := 0; k < len(items); k += 2 {
			out[fmt.Sprint(gopyStubFromVal(&items[k]))] = gopyStubFromVal(&items[k+1])
		}
		return out
	case C.GOPY_VAL_GO:
		return reflect.ValueOf(gopyGet(int64(v.i))).Elem().Interface()
	case C.GOPY_VAL_OBJ:
		return gopyGet(int64(v.i))
	}
	panic(fmt.Sprintf("stub: kind %d", v.kind))
}

func gopyStubToVal(x any, v *C.gopy_val) {
	*v = C.gopy_val{cls: -1}
	switch t := x.(type) {
	case nil:
		v.kind = C.GOPY_VAL_NIL
	case bool:
		v.kind = C.GOPY_VAL_BOOL
		if t {
			v.i = 1
		}
	case int:
		v.kind, v.i = C.GOPY_VAL_INT, C.longlong(t)
	case uint64:
		v.kind, v.i = C.GOPY_VAL_UINT, C.longlong(t)
	case float64:
		v.kind, v.f = C.GOPY_VAL_FLOAT, C.double(t)
	case complex128:
		v.kind, v.f, v.f2 = C.GOPY_VAL_COMPLEX, C.double(real(t)), C.double(imag(t))
	case string:
		v.kind, v.str = C.GOPY_VAL_STR, gopyCStr(t)
	case []byte:
		v.kind, v.str = C.GOPY_VAL_BYTES, gopyCStr(string(t))
	case []any:
		v.kind, v.i = C.GOPY_VAL_LIST, C.longlong(len(t))
		v.items = (*C.gopy_val)(C.malloc(C.size_t(len(t)+1) * C.size_t(unsafe.Sizeof(*v))))
		items := unsafe.Slice(v.items, len(t))
		for k := range t {
			gopyStubToVal(t[k], &items[k])
		}
	case map[string]any:
		v.kind, v.i = C.GOPY_VAL_DICT, C.longlong(len(t))
		v.items = (*C.gopy_val)(C.malloc(C.size_t(2*len(t)+1) * C.size_t(unsafe.Sizeof(*v))))
		items := unsafe.Slice(v.items, 2*len(t))
		k := 0
		for key, val := range t {
			gopyStubToVal(key, &items[k])
			gopyStubToVal(val, &items[k+1])
			k += 2
		}
	case error:
		v.kind, v.i = C.GOPY_VAL_ERROR, C.longlong(gopyNewHandle(&t))
	case *any:
		v.kind, v.i = C.GOPY_VAL_OBJ, C.longlong(gopyNewHandle(t))
	default:
		v.kind, v.i = C.GOPY_VAL_GO, C.longlong(gopyNewHandle(&x))
	}
}

//export gopy_ref_new
func gopy_ref_new(v *C.gopy_val, out *int64) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	p := new(any)
	*p = gopyStubFromVal(v)
	*out = gopyNewHandle(p)
	return 0
}

//export gopy_ref_get
func gopy_ref_get(h int64, out *C.gopy_val) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	p := gopyGet(h).(*any)
	// "err:msg" strings stand for errors and "fail:msg" for a typed
	// failure, so the C side's error paths can be exercised.
	if s, ok := (*p).(string); ok && len(s) > 4 && s[:4] == "err:" {
		gopyStubToVal(errors.New(s[4:]), out)
		return 0
	}
	if s, ok := (*p).(string); ok && len(s) > 5 && s[:5] == "fail:" {
		return gopyStubFail(C.GOPY_FAIL_ERROR, errors.New(s[5:]))
	}
	if s, ok := (*p).(string); ok && len(s) > 5 && s[:5] == "type:" {
		return gopyStubFail(C.GOPY_FAIL_TYPE, errors.New(s[5:]))
	}
	gopyStubToVal(*p, out)
	return 0
}

//export gopy_ref_set
func gopy_ref_set(h int64, v *C.gopy_val) (fail C.gopy_fail_addr) {
	defer gopyRecover(&fail)
	p := gopyGet(h).(*any)
	*p = gopyStubFromVal(v)
	return 0
}

func gopyStubFail(kind C.int, err error) C.gopy_fail_addr {
	a := gopyNewFail(kind, err.Error(), fmt.Sprintf("%T", err), "")
	f := (*C.gopy_fail)(unsafe.Pointer(uintptr(a)))
	f.error = 0
	if kind == C.GOPY_FAIL_ERROR {
		f.error = C.longlong(gopyNewHandle(&err))
	}
	return a
}
