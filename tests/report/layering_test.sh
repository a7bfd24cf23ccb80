#!/bin/sh
# tools/report's rooms depend one way (tools/report/README.md, "Layout"): text ← model, charts ←
# figures ← sections, writers. Each file includes its neighbours as "<folder>/<file>.hpp", so the
# include lines say which rooms a file reaches into; this fails on any reach against the arrows.
# usage: layering_test.sh <tools/report folder>
set -eu
root=$1
status=0
allowed() {
  case $1 in
    text) echo "text" ;;
    model) echo "model text" ;;
    charts) echo "charts text" ;;
    figures) echo "figures model charts text" ;;
    sections) echo "sections figures model charts text" ;;
    writers) echo "writers figures model charts text" ;;
  esac
}
for room in text model charts figures sections writers; do
  [ -d "$root/$room" ] || { echo "layering: no folder $root/$room"; exit 1; }
  ok=$(allowed "$room")
  for file in "$root/$room"/*.hpp "$root/$room"/*.cpp; do
    [ -e "$file" ] || continue
    # "tvp/..." is tools/common's public header, open to every room.
    for dep in $(sed -n 's|^#include "\([a-z_]*\)/.*|\1|p' "$file" | grep -v '^tvp$' | sort -u); do
      case " $ok " in
        *" $dep "*) ;;
        *) echo "layering: $file includes $dep/ (a $room file may include: $ok)"; status=1 ;;
      esac
    done
    if grep -q '^#include "[^/]*"' "$file"; then
      echo "layering: $file includes a header without its folder"
      status=1
    fi
  done
done
exit $status
