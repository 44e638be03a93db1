package overwritten

import (
	"errors"
	"log"
	"os"
)

func a() error          { return nil }
func b() error          { return nil }
func val() (int, error) { return 0, nil }

func straight() error {
	err := a() // want `error from a\(\) stored in err is overwritten at line \d+ before it is checked`
	err = b()
	if err != nil {
		return err
	}
	return nil
}

// Overwritten on the path where cond is false only: the error of a is lost
// there, so it is reported.
func acrossIf(cond bool) error {
	err := a() // want `error from a\(\) stored in err is overwritten at line \d+`
	if cond {
		return err
	}
	err = b()
	return err
}

// Read on every path: not reported.
func readOnBothBranches(cond bool) error {
	err := a()
	if cond {
		log.Print(err)
	} else if err != nil {
		return err
	}
	err = b()
	return err
}

// Assigned in each branch, read after the join: not reported.
func branches(cond bool) error {
	var err error
	if cond {
		err = a()
	} else {
		err = b()
	}
	return err
}

// Inside a loop only the last iteration's error survives.
func loop(paths []string) error {
	var err error
	for _, p := range paths {
		err = os.Remove(p) // want `error from os.Remove\(\) stored in err is overwritten by the next loop iteration before it is checked`
	}
	return err
}

func loopChecked(paths []string) error {
	var err error
	for _, p := range paths {
		err = os.Remove(p)
		if err != nil {
			break
		}
	}
	return err
}

func retry() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = a(); err == nil {
			return nil
		}
	}
	return err
}

// An early return on another path is how errors are meant to be left
// behind (a different error wins): not reported.
func earlyReturn(cond bool) int {
	n, err := val()
	if cond {
		return n
	}
	log.Print(err)
	return 0
}

// The last assignment is never read on any path: reported.
func lastUnread(p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	_, err = f.WriteString("x")
	if err != nil {
		return err
	}
	err = f.Sync() // want `error from f.Sync\(\) stored in err is never checked before the return at line \d+`
	return nil
}

func droppedAtEnd() {
	err := a()
	if err != nil {
		return
	}
	err = b() // want `error from b\(\) stored in err is never checked before the function ends`
}

// Reads that count: named result, closure, address, deferred function,
// wrapping, passing on.
func named() (err error) {
	err = a()
	return
}

func namedExplicit() (n int, err error) {
	n, err = val()
	return n, nil // the named result is still visible to deferred code
}

func captured() error {
	err := a()
	defer func() {
		if err != nil {
			log.Print(err)
		}
	}()
	err = b()
	return nil
}

func addressTaken() error {
	err := a()
	var target *os.PathError
	if errors.As(b(), &target) {
		return nil
	}
	p := &err
	err = b()
	return *p
}

func wrapped() error {
	err := a()
	err = errors.Join(err, b())
	return err
}

func deferArg() {
	err := a()
	defer log.Print(err)
	err = b()
	log.Print(err)
}

// Not a call result: not judged.
func nilInit() error {
	var err error = nil
	err = a()
	return err
}

// A path that never returns does not lose anything.
func fatal() {
	err := a()
	if err == nil {
		return
	}
	log.Fatal(err)
}

func fatalPath() int {
	n, err := val()
	if n > 0 {
		log.Fatal("boom")
	}
	return n + len(err.Error())
}

// Shadowing makes two variables; each is read.
func shadow() error {
	err := a()
	if err != nil {
		err := b()
		return err
	}
	return err
}

// A closure's own locals are judged in the closure's graph.
func literal() func() error {
	return func() error {
		err := a() // want `error from a\(\) stored in err is overwritten at line \d+`
		err = b()
		return err
	}
}

// switch and select read or overwrite like anything else.
func sw(k int, ch chan error) error {
	var err error
	switch k {
	case 1:
		err = a()
	default:
		err = b()
	}
	if err != nil {
		return err
	}
	select {
	case err = <-ch:
	}
	return err
}

// Excluded functions never fail, so dropping their error is no finding here.
func excluded() {
	var sb interface{ WriteString(string) (int, error) }
	_ = sb
}

func peek() (bool, error) { return false, nil }

// A branch on another result of the same call: by convention err is nil
// where ok is true, so the overwrite inside loses nothing.
func accept() (ok bool, err error) {
	ok, err = peek()
	if ok {
		if _, err = val(); err != nil {
			panic(err)
		}
	}
	return ok, err
}

func acceptLocal() error {
	ok, err := peek()
	if ok {
		_, err = val()
	}
	return err
}

// Reading the other result in a statement is not a branch on it.
func sibling() error {
	store, err := val() // want `error from val\(\) stored in err is overwritten at line \d+`
	use(store)
	err = a()
	return err
}

func use(int) {}

// The graph has a path where no case matches and one where the literal
// range runs zero times; neither happens, and the loop body reads err, so
// the next iteration's assignment is not reported.
func exhaustive(inputs []string) {
	for _, s := range inputs {
		n, err := val()
		switch s {
		case "good":
			if err != nil {
				log.Print(err)
			}
		case "bad":
			if err == nil {
				log.Print("want an error")
			}
		}
		_ = n
	}
}

func literalRange(inputs []string) {
	for range inputs {
		want, wantErr := val()
		for _, chunk := range []int{1, 2} {
			if chunk == want && wantErr != nil {
				log.Print(wantErr)
			}
		}
	}
}

// A later error takes precedence only when there is one: if Close failed
// and WaitClosed did not, Close's error is checked; if both failed,
// WaitClosed's is. No failure goes unnoticed.
func preferLater() error {
	cerr := a()
	if werr := b(); werr != nil {
		cerr = werr
	}
	return cerr
}

// Replaced unconditionally, or by a value not tested against nil: reported.
func replaceAlways() error {
	cerr := a() // want `error from a\(\) stored in cerr is overwritten at line \d+ before it is checked`
	werr := b()
	cerr = werr
	return cerr
}

func replaceOnOther(cond bool) error {
	cerr := a() // want `error from a\(\) stored in cerr is overwritten at line \d+ before it is checked`
	werr := b()
	if werr != nil || cond {
		cerr = werr
	}
	return cerr
}

// A deferred Close whose error is stored in err, as the advice for written
// files says, but err is not a named result: deferred calls run after the
// return value is set, so the store reaches nobody.
func saveJoined(p string, b []byte) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer func() {
		cerr := f.Close()
		err = errors.Join(err, cerr) // want `error from f.Close\(\) stored in err by a deferred function is lost: err is not a named result`
	}()
	_, err = f.Write(b)
	return err
}

func saveFirst(p string, b []byte) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr // want `error from f.Close\(\) stored in err by a deferred function is lost`
		}
	}()
	_, err = f.Write(b)
	return err
}

// The same with a named result: the caller gets the Close error.
func saveNamed(p string, b []byte) (err error) {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer func() {
		err = errors.Join(err, f.Close())
	}()
	_, err = f.Write(b)
	return err
}

// The deferred function reads what it stored, or clears it.
func saveLogged(p string, b []byte) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer func() {
		err = f.Close()
		if err != nil {
			log.Print(err)
		}
	}()
	defer func() { err = nil }()
	_, err = f.Write(b)
	return err
}

// The variable belongs to an enclosing function whose named result it is:
// the closure that defers runs before that function returns.
func enclosingNamed(p string) (err error) {
	write := func() {
		f, ferr := os.Create(p)
		if ferr != nil {
			err = ferr
			return
		}
		defer func() { err = f.Close() }()
	}
	write()
	return err
}

// The result is named, but the deferred function stores in a variable of
// an inner block that shadows it: the caller still gets nil.
func saveShadowed(p string, b []byte) (err error) {
	if p != "" {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr // want `error from f.Close\(\) stored in err by a deferred function is lost: this err, declared at line \d+, shadows the named result err`
			}
		}()
		_, err = f.Write(b)
		return err
	}
	return nil
}

// Deferred in a loop, the function runs once per iteration, each after the
// one deferred later: what one call stores the next reads (close in reverse
// order, and stop at the first that fails).
func closeUntilFailure(cs []*os.File) {
	var err error
	for _, c := range cs {
		defer func() {
			if err != nil {
				return
			}
			err = c.Close()
		}()
	}
}

// Deferred in a loop but never read: each store is still lost.
func closeEachLost(cs []*os.File) error {
	var err error
	log.Print(err)
	for _, c := range cs {
		defer func() {
			err = c.Close() // want `error from c.Close\(\) stored in err by a deferred function is lost: err is not a named result`
		}()
	}
	return nil
}
