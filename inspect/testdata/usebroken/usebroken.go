package usebroken

import "example.com/insp/broken"

var X = broken.F()
