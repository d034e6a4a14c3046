package main

// Rendering a loaded package as records (docs/records.md, version 1).
//
// Declarations are walked first, in name order, which numbers the types as
// they are discovered; then everything is printed: header, imports, types,
// declarations.

import (
	"bytes"
	"fmt"
	"go/constant"
	"go/types"
	"math"
	"sort"
	"strconv"
	"strings"
)

// formatVersion is the record format version printed in the header.
const formatVersion = 1

type recordWriter struct {
	l       *loaded   // the first package: the header's
	others  []*loaded // the other packages bound with it, in order
	listed  map[*types.Package]*loaded
	types   *typeTable
	decls   bytes.Buffer // declaration records, written during the walk
	aliases map[*types.Package]string
}

// writeRecords returns the complete record output for l and the packages
// bound with it (others, usually none): each of those has its whole API
// after a `scope "PATH" 1` record.
func writeRecords(l *loaded, others []*loaded) []byte {
	w := &recordWriter{l: l, others: others, types: newTypeTable(),
		listed: map[*types.Package]*loaded{l.pkg: l}}
	for _, o := range others {
		w.listed[o.pkg] = o
	}
	w.declarations(l)
	for _, o := range others {
		w.decl("scope %s 1", q(o.importPath))
		writeDoc(&w.decls, o.docs.pkg)
		w.declarations(o)
	}
	w.foreignDeclarations()

	// Every package bound together has an import record, even one whose
	// types no record mentions: the glue calls its functions.
	used := w.types.pkgs
	if len(others) > 0 {
		used = make(map[string]*types.Package, len(w.types.pkgs)+len(others))
		for path, pkg := range w.types.pkgs {
			used[path] = pkg
		}
		for pkg := range w.listed {
			used[pkg.Path()] = pkg
		}
	}
	imports := assignAliases(l.pkg, used)
	w.aliases = make(map[*types.Package]string, len(imports))
	for _, imp := range imports {
		w.aliases[imp.pkg] = imp.alias
	}

	var out bytes.Buffer
	fmt.Fprintf(&out, "gopy-inspect %d\n", formatVersion)
	fmt.Fprintf(&out, "package %s %s %s %s\n", q(l.importPath), q(l.pkg.Name()), q(l.dir), q(l.goVersion))
	fmt.Fprintf(&out, "stamp %s\n", q(l.stamp))
	writeDoc(&out, l.docs.pkg)
	for _, imp := range imports {
		fmt.Fprintf(&out, "import %s %s %s\n", imp.alias, q(imp.pkg.Path()), q(imp.pkg.Name()))
	}
	w.typeRecords(&out)
	out.Write(w.decls.Bytes())
	return out.Bytes()
}

// declarations writes the records of the package's exported objects, sorted
// by name, registering their types as it goes.
func (w *recordWriter) declarations(l *loaded) {
	scope := l.pkg.Scope()
	for _, name := range scope.Names() { // sorted
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.Func:
			sig := obj.Type().(*types.Signature)
			w.decl("func %s %d %s %s", q(name), w.types.id(sig), boolField(sig.TypeParams().Len() > 0), w.pos(obj))
		case *types.TypeName:
			if obj.IsAlias() {
				w.decl("alias %s %d %s", q(name), w.types.id(obj.Type()), w.pos(obj))
			} else {
				id := w.types.id(obj.Type())
				w.decl("typedecl %s %d %s", q(name), id, w.pos(obj))
				w.doc(obj)
				w.methods(id, obj.Type())
				continue // the doc is written before the methods
			}
		case *types.Const:
			kind, value := constValue(obj)
			w.decl("const %s %d %s %s %s", q(name), w.types.id(obj.Type()), kind, q(value), w.pos(obj))
		case *types.Var:
			w.decl("var %s %d %s", q(name), w.types.id(obj.Type()), w.pos(obj))
		default:
			continue
		}
		w.doc(obj)
	}
}

// foreignDeclarations writes, per other package, a scope record and the
// typedecl and method records of its named types that the records so far
// mention, until no new type appears: the types an API reaches, with the
// methods a binding of them needs. Which of them are bound is the support
// rules' decision; the inspector reports facts only. Types Go code outside
// their package cannot name (unexported, in an internal or vendored
// package, in a main package, generic or instantiated) are not declared,
// and their methods are not followed.
func (w *recordWriter) foreignDeclarations() {
	declared := make(map[*types.TypeName]bool)
	byPkg := make(map[string][]*types.Named)
	for i := 0; i < len(w.types.entries); i++ { // grows as methods are registered
		named, ok := w.types.entries[i].t.(*types.Named)
		if !ok || w.listed[named.Obj().Pkg()] != nil || !declarable(named) || declared[named.Obj()] {
			continue
		}
		declared[named.Obj()] = true
		path := named.Obj().Pkg().Path()
		byPkg[path] = append(byPkg[path], named)
		// Register what its methods mention now, so that the loop sees it;
		// the records themselves are written below, in order.
		sels, _, _ := methodSet(named)
		for _, sel := range sels {
			w.types.id(sel.Obj().Type())
		}
	}
	paths := make([]string, 0, len(byPkg))
	for path := range byPkg {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		list := byPkg[path]
		sort.Slice(list, func(i, j int) bool { return list[i].Obj().Name() < list[j].Obj().Name() })
		w.decl("scope %s", q(path))
		for _, named := range list {
			id := w.types.id(named)
			w.decl("typedecl %s %d %s", q(named.Obj().Name()), id, w.pos(named.Obj()))
			w.methods(id, named)
		}
	}
}

// declarable reports whether generated code outside its package can name
// the defined type t, so that a binding of it can exist.
func declarable(t *types.Named) bool {
	obj := t.Obj()
	pkg := obj.Pkg()
	if pkg == nil || !obj.Exported() || pkg.Name() == "main" {
		return false
	}
	if t.TypeParams().Len() > 0 || t.TypeArgs().Len() > 0 {
		return false
	}
	path := pkg.Path()
	if strings.HasPrefix(path, "vendor/") || strings.Contains(path, "/vendor/") {
		return false
	}
	return !(path == "internal" || strings.HasPrefix(path, "internal/") ||
		strings.HasSuffix(path, "/internal") || strings.Contains(path, "/internal/"))
}

// methods writes the method records of the defined type t (type id recv):
// the exported methods of *T's method set (T's for an interface), so that
// methods promoted through embedded fields are included.
func (w *recordWriter) methods(recv int, t types.Type) {
	sels, valueSet, isIface := methodSet(t)
	for _, sel := range sels {
		fn := sel.Obj().(*types.Func)
		ptrRecv := !isIface && valueSet.Lookup(fn.Pkg(), fn.Name()) == nil
		promoted := len(sel.Index()) > 1
		w.decl("method %d %s %d %s %s %s", recv, q(fn.Name()), w.types.id(fn.Type()),
			boolField(ptrRecv), boolField(promoted), w.pos(fn))
		w.doc(fn)
	}
}

// methodSet returns the exported methods of *T's method set (T's for an
// interface) sorted by name, and T's own method set.
func methodSet(t types.Type) (sels []*types.Selection, valueSet *types.MethodSet, isIface bool) {
	isIface = types.IsInterface(t)
	valueSet = types.NewMethodSet(t)
	set := valueSet
	if !isIface {
		set = types.NewMethodSet(types.NewPointer(t))
	}
	for i := 0; i < set.Len(); i++ {
		if set.At(i).Obj().Exported() {
			sels = append(sels, set.At(i))
		}
	}
	sort.Slice(sels, func(i, j int) bool { return sels[i].Obj().Name() < sels[j].Obj().Name() })
	return sels, valueSet, isIface
}

func (w *recordWriter) decl(format string, args ...interface{}) {
	fmt.Fprintf(&w.decls, format+"\n", args...)
}

// doc writes the doc record of a declared object, if it has a doc.
func (w *recordWriter) doc(obj types.Object) {
	writeDoc(&w.decls, w.objDoc(obj))
}

func (w *recordWriter) objDoc(obj types.Object) string {
	l := w.listed[obj.Pkg()]
	if l == nil {
		return "" // we only parsed the targets' files
	}
	return l.docs.lookup(l.pos, obj)
}

// pos returns the quoted POS of an object: known only for the targets' own.
func (w *recordWriter) pos(obj types.Object) string {
	l := w.listed[obj.Pkg()]
	if l == nil {
		return q("")
	}
	return q(l.pos.String(obj.Pos()))
}

// typeRecords writes every registered type, in id order, each followed by
// its field / imethod / param / result records.
func (w *recordWriter) typeRecords(out *bytes.Buffer) {
	sp := &speller{qualify: func(p *types.Package) string { return w.aliases[p] }}
	for _, e := range w.types.entries {
		t := e.t
		fmt.Fprintf(out, "type %d %s %s %s", e.id, typeKind(t), q(sp.spell(t)), boolField(types.Comparable(t)))
		switch t := t.(type) {
		case *types.Basic:
			fmt.Fprintf(out, " %s\n", basicName(t))
		case *types.Named:
			generic := t.TypeParams().Len() > 0 && t.TypeArgs().Len() == 0
			fmt.Fprintf(out, " %d %s %s %s\n", w.types.mustID(t.Underlying()),
				q(pkgPath(t.Obj().Pkg())), q(t.Obj().Name()), boolField(generic))
		case *types.Pointer:
			fmt.Fprintf(out, " %d\n", w.types.mustID(t.Elem()))
		case *types.Slice:
			fmt.Fprintf(out, " %d\n", w.types.mustID(t.Elem()))
		case *types.Array:
			fmt.Fprintf(out, " %d %d\n", w.types.mustID(t.Elem()), t.Len())
		case *types.Map:
			fmt.Fprintf(out, " %d %d\n", w.types.mustID(t.Key()), w.types.mustID(t.Elem()))
		case *types.Chan:
			fmt.Fprintf(out, " %d %s\n", w.types.mustID(t.Elem()), chanDir(t.Dir()))
		case *types.Struct:
			w.structRecords(out, t)
		case *types.Interface:
			w.interfaceRecords(out, t)
		case *types.Signature:
			w.signatureRecords(out, t)
		default:
			out.WriteString("\n")
		}
	}
}

func (w *recordWriter) structRecords(out *bytes.Buffer, t *types.Struct) {
	fmt.Fprintf(out, " %d\n", t.NumFields())
	for i := 0; i < t.NumFields(); i++ {
		f := t.Field(i)
		fmt.Fprintf(out, "field %s %d %s %s %s %s\n", q(f.Name()), w.types.mustID(f.Type()),
			boolField(f.Embedded()), boolField(f.Exported()), q(t.Tag(i)), w.pos(f))
		writeDoc(out, w.objDoc(f))
	}
}

func (w *recordWriter) interfaceRecords(out *bytes.Buffer, t *types.Interface) {
	methods := interfaceMethods(t)
	fmt.Fprintf(out, " %d %s\n", len(methods), boolField(!t.IsMethodSet()))
	for _, m := range methods {
		fmt.Fprintf(out, "imethod %s %d\n", q(m.Name()), w.types.mustID(m.Type()))
	}
}

func (w *recordWriter) signatureRecords(out *bytes.Buffer, t *types.Signature) {
	params, results := t.Params(), t.Results()
	fmt.Fprintf(out, " %s %d %d\n", boolField(t.Variadic()), params.Len(), results.Len())
	for i := 0; i < params.Len(); i++ {
		fmt.Fprintf(out, "param %s %d\n", q(params.At(i).Name()), w.types.mustID(params.At(i).Type()))
	}
	for i := 0; i < results.Len(); i++ {
		fmt.Fprintf(out, "result %s %d\n", q(results.At(i).Name()), w.types.mustID(results.At(i).Type()))
	}
}

// typeKind is the KIND field of a type record.
func typeKind(t types.Type) string {
	switch t.(type) {
	case *types.Basic:
		return "basic"
	case *types.Named:
		return "named"
	case *types.Pointer:
		return "pointer"
	case *types.Slice:
		return "slice"
	case *types.Array:
		return "array"
	case *types.Map:
		return "map"
	case *types.Chan:
		return "chan"
	case *types.Struct:
		return "struct"
	case *types.Interface:
		return "interface"
	case *types.Signature:
		return "signature"
	case *types.TypeParam:
		return "typeparam"
	}
	return "other"
}

// basicName is the NAME of a basic type record: its kind, so byte is uint8.
func basicName(t *types.Basic) string {
	switch t.Kind() {
	case types.UnsafePointer:
		return "unsafe.Pointer"
	case types.UntypedBool:
		return "untyped-bool"
	case types.UntypedInt:
		return "untyped-int"
	case types.UntypedRune:
		return "untyped-rune"
	case types.UntypedFloat:
		return "untyped-float"
	case types.UntypedComplex:
		return "untyped-complex"
	case types.UntypedString:
		return "untyped-string"
	case types.UntypedNil:
		return "untyped-nil"
	case types.Invalid:
		return "invalid"
	}
	return types.Typ[t.Kind()].Name() // the canonical name: uint8, not byte
}

func chanDir(d types.ChanDir) string {
	switch d {
	case types.SendOnly:
		return "send"
	case types.RecvOnly:
		return "recv"
	}
	return "both"
}

// constValue returns the CKIND and VALUE of a constant. The kind follows the
// constant's type (a float64 constant written 2 is a float), so the value
// is converted to it.
func constValue(c *types.Const) (kind, value string) {
	v := c.Val()
	basic, _ := c.Type().Underlying().(*types.Basic)
	if basic == nil {
		return "int", v.ExactString() // not reachable for valid Go
	}
	info := basic.Info()
	switch {
	case info&types.IsBoolean != 0:
		return "bool", strconv.FormatBool(constant.BoolVal(v))
	case info&types.IsString != 0:
		return "string", constant.StringVal(v)
	case info&types.IsInteger != 0: // includes untyped runes
		return "int", constant.ToInt(v).ExactString()
	case info&types.IsFloat != 0:
		return "float", formatFloat(constant.ToFloat(v))
	case info&types.IsComplex != 0:
		c := constant.ToComplex(v)
		return "complex", formatFloat(constant.Real(c)) + " " + formatFloat(constant.Imag(c))
	}
	return "int", v.ExactString()
}

// formatFloat is the shortest decimal that round-trips to the float64
// nearest v; +Inf or -Inf when v is out of float64's range.
func formatFloat(v constant.Value) string {
	f, _ := constant.Float64Val(v)
	if math.IsInf(f, 0) {
		if f > 0 {
			return "+Inf"
		}
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func writeDoc(out *bytes.Buffer, text string) {
	if text != "" {
		fmt.Fprintf(out, "doc %s\n", q(text))
	}
}

// q quotes a string field.
func q(s string) string { return strconv.Quote(s) }

// boolField formats a boolean field.
func boolField(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
