package main

// Go spellings of types, and the import aliases they use.
//
// We write spellings ourselves instead of using types.TypeString so that the
// result does not depend on the Go version or GODEBUG settings: aliases are
// always resolved (an unexported alias is useless outside its package), and
// the empty interface is always "any".

import (
	"fmt"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// speller writes type spellings.
type speller struct {
	// qualify returns the qualifier for a package's named types.
	qualify func(*types.Package) string
	// fieldPos adds each struct field's position to the spelling. Type keys
	// use it so that structs declared in different places (and so with
	// different field docs and positions) never share a type record.
	fieldPos bool
}

func (s *speller) spell(t types.Type) string {
	var b strings.Builder
	s.write(&b, t)
	return b.String()
}

func (s *speller) write(b *strings.Builder, t types.Type) {
	switch t := unalias(t).(type) {
	case *types.Basic:
		if t.Kind() == types.UnsafePointer {
			b.WriteString("unsafe.Pointer")
		} else {
			b.WriteString(t.Name()) // byte and rune keep their names
		}
	case *types.Named:
		s.named(b, t)
	case *types.TypeParam:
		b.WriteString(t.Obj().Name())
	case *types.Pointer:
		b.WriteByte('*')
		s.write(b, t.Elem())
	case *types.Slice:
		b.WriteString("[]")
		s.write(b, t.Elem())
	case *types.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		s.write(b, t.Elem())
	case *types.Map:
		b.WriteString("map[")
		s.write(b, t.Key())
		b.WriteByte(']')
		s.write(b, t.Elem())
	case *types.Chan:
		s.chan_(b, t)
	case *types.Struct:
		s.struct_(b, t)
	case *types.Signature:
		b.WriteString("func")
		s.signature(b, t)
	case *types.Interface:
		s.interface_(b, t)
	case *types.Union:
		for i := 0; i < t.Len(); i++ {
			if i > 0 {
				b.WriteString(" | ")
			}
			if t.Term(i).Tilde() {
				b.WriteByte('~')
			}
			s.write(b, t.Term(i).Type())
		}
	case *types.Tuple:
		s.tuple(b, t, false)
	default:
		b.WriteString(t.String())
	}
}

func (s *speller) named(b *strings.Builder, t *types.Named) {
	obj := t.Obj()
	if obj.Pkg() != nil { // nil for error and comparable
		b.WriteString(s.qualify(obj.Pkg()))
		b.WriteByte('.')
	}
	b.WriteString(obj.Name())
	if args := t.TypeArgs(); args.Len() > 0 {
		b.WriteByte('[')
		for i := 0; i < args.Len(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			s.write(b, args.At(i))
		}
		b.WriteByte(']')
	} else if t.TypeParams().Len() > 0 {
		s.typeParams(b, t.TypeParams()) // generic, not instantiated
	}
}

// typeParams writes a type parameter list with constraints: [K comparable, V any].
func (s *speller) typeParams(b *strings.Builder, list *types.TypeParamList) {
	b.WriteByte('[')
	for i := 0; i < list.Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		tp := list.At(i)
		b.WriteString(tp.Obj().Name())
		b.WriteByte(' ')
		s.write(b, tp.Constraint())
	}
	b.WriteByte(']')
}

func (s *speller) chan_(b *strings.Builder, t *types.Chan) {
	switch t.Dir() {
	case types.SendOnly:
		b.WriteString("chan<- ")
	case types.RecvOnly:
		b.WriteString("<-chan ")
	default:
		b.WriteString("chan ")
		// chan (<-chan T) needs parentheses: chan <-chan T is chan<- (chan T).
		if elem, ok := unalias(t.Elem()).(*types.Chan); ok && elem.Dir() == types.RecvOnly {
			b.WriteByte('(')
			s.write(b, t.Elem())
			b.WriteByte(')')
			return
		}
	}
	s.write(b, t.Elem())
}

func (s *speller) struct_(b *strings.Builder, t *types.Struct) {
	b.WriteString("struct{")
	for i := 0; i < t.NumFields(); i++ {
		if i > 0 {
			b.WriteString("; ")
		}
		f := t.Field(i)
		if !f.Embedded() {
			b.WriteString(f.Name())
		}
		if s.fieldPos {
			fmt.Fprintf(b, "@%d", f.Pos())
		}
		if !f.Embedded() || s.fieldPos {
			b.WriteByte(' ')
		}
		s.write(b, f.Type())
		if tag := t.Tag(i); tag != "" {
			b.WriteByte(' ')
			b.WriteString(strconv.Quote(tag))
		}
	}
	b.WriteByte('}')
}

// signature writes a signature without "func" and without its receiver.
func (s *speller) signature(b *strings.Builder, t *types.Signature) {
	if tps := t.TypeParams(); tps.Len() > 0 {
		s.typeParams(b, tps)
	}
	s.tuple(b, t.Params(), t.Variadic())
	results := t.Results()
	switch {
	case results.Len() == 0:
	case results.Len() == 1 && results.At(0).Name() == "":
		b.WriteByte(' ')
		s.write(b, results.At(0).Type())
	default:
		b.WriteByte(' ')
		s.tuple(b, results, false)
	}
}

// tuple writes a parameter list; the last parameter of a variadic one is
// written ...T.
func (s *speller) tuple(b *strings.Builder, t *types.Tuple, variadic bool) {
	b.WriteByte('(')
	for i := 0; i < t.Len(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		v := t.At(i)
		if v.Name() != "" {
			b.WriteString(v.Name())
			b.WriteByte(' ')
		}
		typ := v.Type()
		if variadic && i == t.Len()-1 {
			if slice, ok := unalias(typ).(*types.Slice); ok {
				b.WriteString("...")
				typ = slice.Elem()
			}
		}
		s.write(b, typ)
	}
	b.WriteByte(')')
}

// interface_ writes an interface as declared: explicit methods, then
// embedded types (which keeps unexported methods of other packages and type
// sets expressible).
func (s *speller) interface_(b *strings.Builder, t *types.Interface) {
	if t.NumExplicitMethods() == 0 && t.NumEmbeddeds() == 0 {
		b.WriteString("any")
		return
	}
	if t.IsImplicit() && t.NumExplicitMethods() == 0 && t.NumEmbeddeds() == 1 {
		s.write(b, t.EmbeddedType(0)) // [T ~int] rather than [T interface{~int}]
		return
	}
	b.WriteString("interface{")
	for i := 0; i < t.NumExplicitMethods(); i++ {
		if i > 0 {
			b.WriteString("; ")
		}
		m := t.ExplicitMethod(i)
		b.WriteString(m.Name())
		s.signature(b, m.Type().(*types.Signature))
	}
	for i := 0; i < t.NumEmbeddeds(); i++ {
		if i > 0 || t.NumExplicitMethods() > 0 {
			b.WriteString("; ")
		}
		s.write(b, t.EmbeddedType(i))
	}
	b.WriteByte('}')
}

// importAlias is one `import` record.
type importAlias struct {
	alias string
	pkg   *types.Package
}

// assignAliases gives every package used in spellings an alias: its name,
// unless that is reserved or taken, in which case "_1", "_2"... is appended.
// The target comes first so it keeps its name whenever possible; the others
// follow in import path order, which makes the choice deterministic.
func assignAliases(target *types.Package, used map[string]*types.Package) []importAlias {
	others := make([]*types.Package, 0, len(used))
	for path, pkg := range used {
		if path != target.Path() {
			others = append(others, pkg)
		}
	}
	sort.Slice(others, func(i, j int) bool { return others[i].Path() < others[j].Path() })

	taken := make(map[string]bool)
	var imports []importAlias
	for _, pkg := range append([]*types.Package{target}, others...) {
		name := pkg.Name()
		if strings.HasPrefix(name, "gopy") {
			name = "pkg_" + name // no suffix can make it acceptable
		}
		alias := name
		for i := 1; reservedAlias(alias) || taken[alias]; i++ {
			alias = fmt.Sprintf("%s_%d", name, i)
		}
		taken[alias] = true
		imports = append(imports, importAlias{alias: alias, pkg: pkg})
	}
	return imports
}

// reservedAlias reports whether an import alias would clash with names the
// generated code needs: cgo's C, unsafe, main, init, gopy's own identifiers
// and Go's predeclared identifiers (an import named string would shadow the
// type string in generated code).
func reservedAlias(name string) bool {
	switch name {
	case "C", "unsafe", "main", "init", "_":
		return true
	}
	return strings.HasPrefix(name, "gopy") || types.Universe.Lookup(name) != nil
}
