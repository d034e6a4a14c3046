package recursive

// Node is a recursive type.
type Node struct {
	Next     *Node
	Children []Node
	Index    map[string]*Node
}

// Func takes and returns itself.
type Func func(Func) Func

// Visitor visits.
type Visitor interface {
	Visit(n *Node) (w Visitor)
}

// Walk walks.
func Walk(v Visitor, n *Node) {}
