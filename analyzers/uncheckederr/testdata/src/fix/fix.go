package fix

import (
	"bufio"
	"os"
)

// Named result: the deferred Close feeds it.
func saveNamed(p string, b []byte) (err error) {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close() // want `error of f.Close\(\)`
	_, err = f.Write(b)
	return err
}

// One unnamed error result: it gets the name err.
func save(p string, b []byte) error {
	f, ferr := os.Create(p)
	if ferr != nil {
		return ferr
	}
	defer f.Close() // want `error of f.Close\(\)`
	if _, werr := f.Write(b); werr != nil {
		return werr
	}
	return nil
}

// Unnamed result of a function literal.
var saveLit = func(p string) error {
	f, ferr := os.Create(p)
	if ferr != nil {
		return ferr
	}
	w := bufio.NewWriter(f)
	defer w.Flush() // want `error of w.Flush\(\)`
	_, werr := w.WriteString(p)
	return werr
}

// err declared by `f, err :=` at the top of the body becomes the result:
// that statement still compiles and every return sets the result anyway.
func absorbed(p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close() // want `error of f.Close\(\)`
	_, err = f.WriteString(p)
	return err
}

// No certain edit: f is reassigned after the defer.
func reassigned(p string) (err error) {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close() // want `error of f.Close\(\)`
	_, err = f.WriteString(p)
	f = nil
	return err
}

// No certain edit: the function does not return an error.
func noResult(p string) {
	f, _ := os.Create(p)
	defer f.Close()  // want `error of f.Close\(\)`
	f.WriteString(p) // want `error returned by f.WriteString\(\)`
}

// No certain edit: err is declared alone, so naming the result would
// make `var err error` a redeclaration.
func declaredAlone(p string, b []byte) error {
	var err error
	f, ferr := os.Create(p)
	if ferr != nil {
		return ferr
	}
	defer f.Close() // want `error of f.Close\(\)`
	_, err = f.Write(b)
	return err
}
