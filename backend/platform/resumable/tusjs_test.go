package resumable_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fairtender/fairtender/backend/platform/blobstore"
	"github.com/fairtender/fairtender/backend/platform/database/dbtest"
	"github.com/fairtender/fairtender/backend/platform/resumable"
	"github.com/fairtender/fairtender/backend/platform/testenv"
)

// tusClientScript uploads a file with tus-js-client (the browser's client, here on Node) in
// chunks, pausing after the first chunk and resuming from the server's offset, as the web app
// will; it prints the document id from the last response.
const tusClientScript = `
const tus = require(process.env.TUS_JS);
const data = Buffer.alloc(700 * 1024, 7);
for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) % 251;
let docId = "";
let paused = false;
const upload = new tus.Upload(data, {
  endpoint: process.env.ENDPOINT,
  chunkSize: 256 * 1024,
  metadata: { bidId: "b1", questionId: "q1", filename: "plan.pdf", filetype: "application/pdf" },
  headers: { Authorization: "Bearer " + process.env.TOKEN },
  retryDelays: [0, 200],
  onChunkComplete() {
    if (!paused) {
      paused = true;
      upload.abort().then(() => setTimeout(() => upload.start(), 100));
    }
  },
  onAfterResponse(req, res) {
    const id = res.getHeader("Fairtender-Document-Id");
    if (id) docId = id;
  },
  onError(err) { console.error("error: " + err); process.exit(1); },
  onSuccess() { console.log(docId); },
});
upload.start();
`

// TestTheBrowsersClientUploadsAndResumes runs tus-js-client, which the web app uses, against the
// endpoint: creation, chunks, an abort and a resume, and the document id read from the headers.
func TestTheBrowsersClientUploadsAndResumes(t *testing.T) {
	node := testenv.RequireProgram(t, "node", "it runs the browser's tus-js-client from frontend/node_modules")
	_, file, _, _ := runtime.Caller(0)
	lib := filepath.Join(filepath.Dir(file), "../../../frontend/node_modules/tus-js-client")
	if _, err := os.Stat(lib); err != nil {
		t.Skip("frontend/node_modules/tus-js-client is not installed (npm ci in frontend/)")
	}
	store, err := blobstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	tg := newTarget(store)
	p := startPortalWith(t, dbtest.Open(t), tg, time.Now, resumable.Options{PartSize: partSize}, "")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "-e", tusClientScript)
	cmd.Env = append(os.Environ(), "TUS_JS="+lib, "ENDPOINT="+p.url+resumable.Prefix, "TOKEN="+p.token(t, "alice"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tus-js-client: %v\n%s", err, out)
	}
	id := strings.TrimSpace(string(out))
	want := make([]byte, 700*1024)
	for i := range want {
		want[i] = byte((i*31 + 7) % 251)
	}
	got, ok := tg.documents()[id]
	if !ok {
		t.Fatalf("no document %q completed (client said %q)", id, out)
	}
	if got != sum(want) {
		t.Errorf("document SHA-256: got %s, want %s", got, sum(want))
	}
}
