package main

// Positions ("FILE:LINE") and doc comments of the target's declarations.

import (
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"
)

// positions turns token.Pos values of the target package into POS strings.
type positions struct {
	fset   *token.FileSet
	files  map[string]bool      // base names of the package's Go files
	parsed map[*token.File]bool // files we parsed (as opposed to export data)
	// lineDelta corrects positions read from export data (cgo packages):
	// the importer reports the line within cgo's rewritten file together
	// with the original file's name. Indexed by base name; see
	// fixExportLines.
	lineDelta map[string]int
}

func newPositions(fset *token.FileSet, names []string) *positions {
	p := &positions{
		fset:      fset,
		files:     make(map[string]bool, len(names)),
		parsed:    make(map[*token.File]bool),
		lineDelta: make(map[string]int),
	}
	for _, name := range names {
		p.files[name] = true
	}
	return p
}

// resolve returns the file (relative to the package directory) and line of
// pos, or ok=false if it has none worth reporting.
func (p *positions) resolve(pos token.Pos) (file string, line int, ok bool) {
	if !pos.IsValid() {
		return "", 0, false
	}
	fromSource := p.parsed[p.fset.File(pos)]
	position := p.fset.Position(pos) // honours //line directives, like the compiler
	file, line = p.relative(position.Filename), position.Line
	if !fromSource {
		// Export data: only trust it for the package's own files (not, say,
		// cgo's generated _cgo_gotypes.go, which users never see).
		if !p.files[file] {
			return "", 0, false
		}
		line -= p.lineDelta[file]
	}
	return file, line, true
}

// relative makes a file name relative to the package directory. All of a
// package's files are in its directory, so their base name is enough; this
// also copes with -trimpath'd names in export data.
func (p *positions) relative(filename string) string {
	if base := filepath.Base(filename); p.files[base] {
		return base
	}
	return filepath.ToSlash(filename) // e.g. a //line directive naming a .y file
}

// String returns "FILE:LINE" for pos, or "" when unknown.
func (p *positions) String(pos token.Pos) string {
	file, line, ok := p.resolve(pos)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s:%d", file, line)
}

// errorText formats a parse or type error as "FILE:LINE:COL: MESSAGE" with
// FILE relative to the package directory.
func (p *positions) errorText(err error) string {
	var position token.Position
	var msg string
	switch e := err.(type) {
	case *scanner.Error:
		position, msg = e.Pos, e.Msg
	case scanner.Error:
		position, msg = e.Pos, e.Msg
	case types.Error:
		position, msg = e.Fset.Position(e.Pos), e.Msg
	default:
		return err.Error()
	}
	if !position.IsValid() {
		return msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.relative(position.Filename), position.Line, position.Column, msg)
}

// fixExportLines computes lineDelta for a package loaded from export data:
// for each file, the most common difference between the line the importer
// gives a package-level object and the line where the parsed source
// declares it. (cmd/cgo puts a three-line header before its //line
// directive and the importer reports unadjusted lines; computing the delta
// rather than assuming 3 keeps this right if either changes.)
func (p *positions) fixExportLines(pkg *types.Package, files []*ast.File) {
	counts := make(map[string]map[int]int)
	for name, ident := range packageLevelIdents(files) {
		obj := pkg.Scope().Lookup(name)
		if obj == nil || !obj.Pos().IsValid() {
			continue
		}
		src := p.fset.Position(ident.Pos())
		exp := p.fset.Position(obj.Pos())
		file := filepath.Base(src.Filename)
		if filepath.Base(exp.Filename) != file {
			continue
		}
		if counts[file] == nil {
			counts[file] = make(map[int]int)
		}
		counts[file][exp.Line-src.Line]++
	}
	for file, byDelta := range counts {
		best, bestCount := 0, 0
		for delta, n := range byDelta {
			if n > bestCount || (n == bestCount && delta < best) {
				best, bestCount = delta, n
			}
		}
		p.lineDelta[file] = best
	}
}

// packageLevelIdents maps the names declared at package level (not methods)
// to their identifiers.
func packageLevelIdents(files []*ast.File) map[string]*ast.Ident {
	idents := make(map[string]*ast.Ident)
	add := func(id *ast.Ident) {
		if id.Name != "_" && id.Name != "init" {
			idents[id.Name] = id
		}
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					add(d.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						add(s.Name)
					case *ast.ValueSpec:
						for _, id := range s.Names {
							add(id)
						}
					}
				}
			}
		}
	}
	return idents
}

// docIndex holds the doc comments of the target package. Declarations are
// keyed by "FILE:LINE:NAME" of their identifier, which identifies them
// whether the object came from our own type-check or from export data.
type docIndex struct {
	pkg   string
	byKey map[string]string
}

// lookup returns the doc text of a declared object of the target ("" if none).
func (d *docIndex) lookup(pos *positions, obj types.Object) string {
	where := pos.String(obj.Pos())
	if where == "" {
		return ""
	}
	return d.byKey[where+":"+obj.Name()]
}

// collectDocs gathers the package doc and the doc of every declaration,
// struct field and interface method, following go/doc's rules. files are
// in file name order.
func collectDocs(files []*ast.File, pos *positions) *docIndex {
	d := &docIndex{byKey: make(map[string]string)}
	add := func(id *ast.Ident, groups ...*ast.CommentGroup) {
		for _, g := range groups {
			if text := docText(g); text != "" {
				if where := pos.String(id.Pos()); where != "" {
					d.byKey[where+":"+id.Name] = text
				}
				return
			}
		}
	}
	for _, f := range files {
		// Like go/doc: all package comments, in file name order, separated
		// by a blank line.
		if text := docText(f.Doc); text != "" {
			if d.pkg != "" {
				d.pkg += "\n\n"
			}
			d.pkg += text
		}
		for _, decl := range f.Decls {
			addDeclDocs(decl, add)
		}
		addFieldDocs(f, add)
	}
	return d
}

// addDeclDocs records the docs of a top-level declaration. A spec in a
// parenthesised group without a doc of its own uses the group's doc, as
// go/doc does for types, consts and vars.
func addDeclDocs(decl ast.Decl, add func(*ast.Ident, ...*ast.CommentGroup)) {
	switch d := decl.(type) {
	case *ast.FuncDecl:
		add(d.Name, d.Doc)
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				add(s.Name, s.Doc, d.Doc)
			case *ast.ValueSpec:
				for _, id := range s.Names {
					add(id, s.Doc, d.Doc)
				}
			}
		}
	}
}

// addFieldDocs records the docs of struct fields and interface methods
// anywhere in f: the doc comment, or failing that the line comment.
func addFieldDocs(f *ast.File, add func(*ast.Ident, ...*ast.CommentGroup)) {
	ast.Inspect(f, func(n ast.Node) bool {
		var fields *ast.FieldList
		switch t := n.(type) {
		case *ast.StructType:
			fields = t.Fields
		case *ast.InterfaceType:
			fields = t.Methods
		default:
			return true
		}
		if fields == nil {
			return true
		}
		for _, field := range fields.List {
			for _, id := range field.Names {
				add(id, field.Doc, field.Comment)
			}
			if len(field.Names) == 0 {
				if id := embeddedIdent(field.Type); id != nil {
					add(id, field.Doc, field.Comment)
				}
			}
		}
		return true
	})
}

// embeddedIdent returns the identifier that names an embedded field (T in
// T, *T, pkg.T, T[int]); go/types positions the field there.
func embeddedIdent(x ast.Expr) *ast.Ident {
	for {
		switch e := x.(type) {
		case *ast.Ident:
			return e
		case *ast.StarExpr:
			x = e.X
		case *ast.SelectorExpr:
			return e.Sel
		case *ast.IndexExpr:
			x = e.X
		case *ast.IndexListExpr:
			x = e.X
		case *ast.ParenExpr:
			x = e.X
		default:
			return nil
		}
	}
}

// docText is a comment's text with the markers removed and trailing
// newlines trimmed, as go/doc presents it.
func docText(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	return strings.TrimRight(g.Text(), "\n")
}
