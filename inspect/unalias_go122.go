//go:build go1.22

package main

import "go/types"

// unalias resolves an alias type (types.Alias, which go/types produces from
// Go 1.23 on, or with GODEBUG=gotypesalias=1) to the type it stands for:
// records describe types, and an alias's name may not even be usable
// outside its package.
func unalias(t types.Type) types.Type { return types.Unalias(t) }
