package main

// The table of type records: every type the exported API mentions, numbered
// in order of discovery.

import (
	"go/types"
	"sort"
	"strconv"
)

// typeEntry is one type record.
type typeEntry struct {
	id int
	t  types.Type // never an alias
}

// typeTable assigns ids. Two types share an id when they are identical
// (types.Identical) and spell the same, down to the position of every
// struct field: so the same type reached through different paths or
// different *types.X values gets one record, but byte and uint8, or two
// struct literals with their own field docs, stay apart.
type typeTable struct {
	entries []*typeEntry
	byType  map[types.Type]int        // fast path: the very same value
	byKey   map[string][]*typeEntry   // key spelling -> candidates
	pkgs    map[string]*types.Package // packages named in spellings, by path
	keyer   *speller
}

func newTypeTable() *typeTable {
	tt := &typeTable{
		byType: make(map[types.Type]int),
		byKey:  make(map[string][]*typeEntry),
		pkgs:   make(map[string]*types.Package),
	}
	tt.keyer = &speller{
		// Qualify by full import path: unique, unlike package names. Every
		// package seen here is one the spellings will need an import for.
		qualify: func(p *types.Package) string {
			tt.pkgs[p.Path()] = p
			return strconv.Quote(p.Path())
		},
		fieldPos: true,
	}
	return tt
}

// id returns the id of t, registering it and (depth first, in record order)
// the types it refers to if it is new.
func (tt *typeTable) id(t types.Type) int {
	t = unalias(t)
	if id, ok := tt.byType[t]; ok {
		return id
	}
	key := tt.keyer.spell(t)
	for _, e := range tt.byKey[key] {
		if types.Identical(e.t, t) {
			tt.byType[t] = e.id
			return e.id
		}
	}
	e := &typeEntry{id: len(tt.entries) + 1, t: t}
	tt.entries = append(tt.entries, e)
	tt.byType[t] = e.id
	tt.byKey[key] = append(tt.byKey[key], e)
	// Registered before its parts, so recursive types find themselves.
	for _, part := range typeParts(t) {
		tt.id(part)
	}
	return e.id
}

// typeParts lists the types a type record refers to, in record order. This
// is the single definition of "transitively appears" used both to discover
// types and to write their records.
func typeParts(t types.Type) []types.Type {
	switch t := unalias(t).(type) {
	case *types.Named:
		return []types.Type{t.Underlying()}
	case *types.Pointer:
		return []types.Type{t.Elem()}
	case *types.Slice:
		return []types.Type{t.Elem()}
	case *types.Array:
		return []types.Type{t.Elem()}
	case *types.Map:
		return []types.Type{t.Key(), t.Elem()}
	case *types.Chan:
		return []types.Type{t.Elem()}
	case *types.Struct:
		parts := make([]types.Type, t.NumFields())
		for i := range parts {
			parts[i] = t.Field(i).Type()
		}
		return parts
	case *types.Interface:
		var parts []types.Type
		for _, m := range interfaceMethods(t) {
			parts = append(parts, m.Type())
		}
		return parts
	case *types.Signature:
		var parts []types.Type
		for i := 0; i < t.Params().Len(); i++ {
			parts = append(parts, t.Params().At(i).Type())
		}
		for i := 0; i < t.Results().Len(); i++ {
			parts = append(parts, t.Results().At(i).Type())
		}
		return parts
	}
	return nil
}

// interfaceMethods is the full method set of an interface, sorted by name
// (then package path, for unexported methods of different packages).
func interfaceMethods(t *types.Interface) []*types.Func {
	methods := make([]*types.Func, t.NumMethods())
	for i := range methods {
		methods[i] = t.Method(i)
	}
	sort.SliceStable(methods, func(i, j int) bool {
		a, b := methods[i], methods[j]
		if a.Name() != b.Name() {
			return a.Name() < b.Name()
		}
		return pkgPath(a.Pkg()) < pkgPath(b.Pkg())
	})
	return methods
}

func pkgPath(p *types.Package) string {
	if p == nil {
		return ""
	}
	return p.Path()
}

// mustID returns the id of a type already registered. Writing records must
// not discover new types: they would be missing from the type records
// already written.
func (tt *typeTable) mustID(t types.Type) int {
	t = unalias(t)
	if id, ok := tt.byType[t]; ok {
		return id
	}
	panic("type not registered: " + t.String())
}
