package tmpl

type Template struct{}
