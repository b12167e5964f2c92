#!/usr/bin/env bash
# Remake the before/after pictures of docs/customising.md (run: make pictures).
# Each example folder is a working folder: medialit builds lesson.yaml from inside it,
# and pdftoppm turns the first page into a small PNG beside the example's files.
set -euo pipefail
cd "$(dirname "$0")"
medialit=${MEDIALIT:-medialit}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=0

picture() {  # picture FOLDER SHEET NAME: first page of SHEET (student|key) built in FOLDER
  (cd "$1" && "$medialit" build "$OLDPWD/lesson.yaml" --out "$out/$1" >/dev/null)
  pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$out/$1/lesson/$2.pdf" "$1/$3"
}

mkdir -p before
picture before student student
picture before key key
rmdir before 2>/dev/null || true
for example in header logo instructions translate large-print one-block theme; do
  picture "$example" student after
done
picture colours key after
