//go:build !go1.22

package main

import "go/types"

// unalias is the identity before Go 1.22: go/types had no alias types, an
// alias was simply another name for the same types.Type.
func unalias(t types.Type) types.Type { return t }
