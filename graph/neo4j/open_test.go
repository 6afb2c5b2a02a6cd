package neo4j

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// TestOpenUnreachable checks that Open says so when no server answers.
func TestOpenUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	uri := "bolt://" + addr
	_, err = Open(context.Background(), Config{URI: uri, Username: "neo4j", Password: "secret", Timeout: 2 * time.Second})
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "neo4j.uri") {
		t.Errorf("Open = %v; want ErrUnreachable naming %s and neo4j.uri", err, addr)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("error %q shows the password", err)
	}
}

// TestOpenUnauthorized checks that Open says so when the Neo4j server
// refuses the credentials. (A user that does not exist: wrong passwords for
// neo4j would lock that account for the tests after it.)
func TestOpenUnauthorized(t *testing.T) {
	cfg := testConfig(t)
	cfg.Username, cfg.Password, cfg.Timeout = "gapmap-nobody", "wrong-password", 10*time.Second
	_, err := Open(context.Background(), cfg)
	if !errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "neo4j.password") || !strings.Contains(err.Error(), `"gapmap-nobody"`) {
		t.Errorf("Open = %v; want ErrUnauthorized naming the user and neo4j.password", err)
	}
	if strings.Contains(err.Error(), "wrong-password") {
		t.Errorf("error %q shows the password", err)
	}
}

// TestOpenOldServer checks that Open refuses a server older than Neo4j 5.
// No Neo4j 4 runs here, so a stub answers the Bolt handshake with a 4.4
// agent string (fakeBolt); every other test of Open talks to the real server.
func TestOpenOldServer(t *testing.T) {
	addr := fakeBolt(t, boltSuccess(map[string]string{"server": "Neo4j/4.4.12", "connection_id": "bolt-1"}))
	_, err := Open(context.Background(), Config{URI: "bolt://" + addr, Timeout: 2 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "Neo4j/4.4.12") || !strings.Contains(err.Error(), "Neo4j 5 or later") {
		t.Errorf("Open = %v; want a refusal of Neo4j 4.4", err)
	}
}

// TestOpenConfig checks the configuration errors found before connecting.
func TestOpenConfig(t *testing.T) {
	for _, test := range []struct {
		cfg  Config
		want string
	}{
		{Config{}, "neo4j.uri is empty"},
		{Config{URI: "bolt://localhost", Password: "x"}, "neo4j.username is empty"},
		{Config{URI: "bolt://localhost", MaxConnections: -1}, "MaxConnections"},
		{Config{URI: "ftp://localhost"}, "ftp"},
	} {
		_, err := Open(context.Background(), test.cfg)
		if err == nil || !strings.Contains(err.Error(), test.want) {
			t.Errorf("Open(%+v) = %v; want an error containing %q", test.cfg, err, test.want)
		}
	}
}

func TestAgentMajor(t *testing.T) {
	for agent, want := range map[string]int{"Neo4j/5.26.1": 5, "Neo4j/4.4.0": 4, "Neo4j/2025.01.0": 2025, "Memgraph/2.0": -1, "Neo4j/x": -1} {
		got, ok := agentMajor(agent)
		if !ok {
			got = -1
		}
		if got != want {
			t.Errorf("agentMajor(%q) = %d, want %d", agent, got, want)
		}
	}
}

func TestRedactURI(t *testing.T) {
	if got := redactURI("neo4j+s://app:s3cret@db.example.org:7687"); strings.Contains(got, "s3cret") || !strings.Contains(got, "db.example.org") {
		t.Errorf("redactURI = %q", got)
	}
}

// fakeBolt serves the Bolt handshake (agreeing on Bolt 5.0) and answers
// HELLO with hello, RESET with SUCCESS, and closes on GOODBYE. It returns
// its address.
func fakeBolt(t *testing.T, hello []byte) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go serveBolt(conn, hello)
		}
	}()
	return ln.Addr().String()
}

func serveBolt(conn net.Conn, hello []byte) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(conn)
	handshake := make([]byte, 20)
	if _, err := io.ReadFull(r, handshake); err != nil {
		return
	}
	conn.Write([]byte{0, 0, 0, 5}) // Bolt 5.0
	for {
		msg, err := readBoltMessage(r)
		if err != nil || len(msg) < 2 {
			return
		}
		switch msg[1] { // the struct's signature
		case 0x01: // HELLO
			conn.Write(hello)
		case 0x02: // GOODBYE
			return
		default:
			conn.Write(boltSuccess(nil))
		}
	}
}

// readBoltMessage reads the chunks of one message.
func readBoltMessage(r io.Reader) ([]byte, error) {
	var msg []byte
	for {
		var size uint16
		if err := binary.Read(r, binary.BigEndian, &size); err != nil {
			return nil, err
		}
		if size == 0 {
			if len(msg) == 0 {
				continue // a NOOP
			}
			return msg, nil
		}
		chunk := make([]byte, size)
		if _, err := io.ReadFull(r, chunk); err != nil {
			return nil, err
		}
		msg = append(msg, chunk...)
	}
}

func boltSuccess(fields map[string]string) []byte {
	return boltMessage(0x70, fields)
}

// boltMessage encodes a one-field message whose field is a map of strings,
// in one chunk.
func boltMessage(signature byte, fields map[string]string) []byte {
	body := []byte{0xB1, signature, 0xA0 + byte(len(fields))}
	for k, v := range fields {
		body = append(body, packString(k)...)
		body = append(body, packString(v)...)
	}
	msg := binary.BigEndian.AppendUint16(nil, uint16(len(body)))
	msg = append(msg, body...)
	return append(msg, 0, 0)
}

func packString(s string) []byte {
	if len(s) < 16 {
		return append([]byte{0x80 + byte(len(s))}, s...)
	}
	return append([]byte{0xD0, byte(len(s))}, s...)
}
