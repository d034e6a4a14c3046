package basic

import "unsafe"

func Bools(b bool) bool                                              { return b }
func Strings(s string) string                                        { return s }
func Ints(a int, b int8, c int16, d int32, e int64) int              { return a }
func Uints(a uint, b uint8, c uint16, d uint32, e uint64) uintptr    { return 0 }
func Floats(a float32, b float64) (complex64, complex128)            { return 0, 0 }
func ByteRune(b byte, r rune) ([]byte, []rune)                       { return nil, nil }
func Pointer(p unsafe.Pointer) unsafe.Pointer                        { return p }
func Variadic(format string, args ...interface{}) (n int, err error) { return 0, nil }
func Unnamed(int, string) bool                                       { return false }
func Blank(_ int, x string)                                          {}
func unexported()                                                    {}
