// Package imports needs import aliases that differ from package names.
package imports

import (
	atmpl "example.com/insp/imports/a/tmpl"
	btmpl "example.com/insp/imports/b/tmpl"
	"example.com/insp/imports/gopyx"
	str "example.com/insp/imports/string"
)

// Templates takes two types from packages with the same name.
func Templates(a *atmpl.Template, b *btmpl.Template) {}

// Reserved takes types from packages with reserved names.
func Reserved(s str.S, t gopyx.T) {}
