module gopy/inspect

go 1.21
