package skips

// Double__Under has a double underscore in its name, which generated
// symbols use to join a type and its member: it is skipped.
type Double__Under struct{ X int }

// Run__Fast is skipped for the same reason.
func Run__Fast() int { return 5 }
