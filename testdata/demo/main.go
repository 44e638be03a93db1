// Command shop serves the storefront API. It is relcheck's demo project: it
// holds one example of each problem relcheck finds, next to code that does
// the same thing correctly.
package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"

	"example.com/shop/internal/inventory"
	"example.com/shop/internal/store"
)

func main() {
	inv := inventory.New(os.Getenv("INVENTORY_URL"))
	orders := store.Open(os.Getenv("ORDERS_FILE"))

	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("/items/", func(w http.ResponseWriter, r *http.Request) {
		item, err := inv.Lookup(r.Context(), r.URL.Path[len("/items/"):])
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		if err := json.NewEncoder(w).Encode(item); err != nil {
			log.Printf("encode: %v", err)
		}
	})
	mux.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
		if err := orders.Append(r.URL.Query().Get("sku")); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	})

	// The public server bounds how long a client may take to send headers,
	// so slow clients cannot hold connections open forever.
	srv := &http.Server{
		Addr:              ":8080",
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	go func() {
		if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()

	// The debug server has no timeouts at all.
	go func() {
		log.Println(http.ListenAndServe("localhost:6060", nil))
	}()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		log.Printf("shutdown: %v", err)
	}
}
