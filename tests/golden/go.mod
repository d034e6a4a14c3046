module gopy.golden

go 1.21
