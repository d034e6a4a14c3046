// Package string is named like a predeclared type.
package string

type S struct{}
