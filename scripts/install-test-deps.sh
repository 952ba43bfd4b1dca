#!/usr/bin/env bash
# What the tests need from Debian besides Python and the browser (scripts/install-browser-deps.sh),
# installed only when missing:
#   - Virtuoso open source 7.2 for tests/virtuoso: virtuoso-opensource-7-bin, the package with
#     virtuoso-t and isql-vt. The tests run a private server of their own on 127.0.0.1
#     (bench.virtuoso); the metapackage virtuoso-opensource would add the system
#     service, its init script and a debconf password prompt, none of which they use.
#   - Java 17's JDK (`java File.java` compiles the file) and Apache Jena 4.5
#     (libapache-jena-java) for the Java clients (tests/clients, tests/api/test_http_clients.py).
#   - curl, for the tests that send requests as people type them.
set -euo pipefail

packages=(virtuoso-opensource-7-bin libapache-jena-java curl)
command -v javac >/dev/null || packages+=(openjdk-17-jdk-headless)
missing=()
for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
