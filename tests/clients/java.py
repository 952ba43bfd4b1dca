"""Java clients for the end-to-end tests: Java 17 running one source file (`java File.java`,
which needs the JDK), and Apache Jena 4.5 as Debian packages it (libapache-jena-java).
scripts/install-test-deps.sh installs both."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
JAVA = shutil.which("java")
JARS = Path("/usr/share/java")
# jena-arq and what it loads for an HTTP query, by the names Debian gives the jars.
JENA_JARS = [
    "jena-arq", "jena-base", "jena-core", "jena-iri", "commons-codec", "commons-compress",
    "commons-csv", "commons-io", "commons-lang3", "commons-cli", "slf4j-api", "slf4j-nop",
    "gson", "guava", "dexx.collection", "thrift", "protobuf", "jsonld-java", "titanium-json-ld",
    "jakarta.json-api", "jackson-core", "jackson-databind",
]
# Debian's jena-core moves its copy of Xerces to the package `xerces` but leaves the message
# bundles under org/apache/jena/ext/xerces/, where the moved classes do not look. Without
# xerces/impl/xpath/regex/message.properties Jena cannot start: the XSD datatypes are set up
# with regular-expression facets, whose parser reads that bundle, and the failed lookup surfaces
# as ExceptionInInitializerError "internal error" from XSSimpleTypeDecl.applyFacets1. The other
# bundles (xerces/impl/msg/*) are only read to word a datatype error; they are copied too.
BUNDLES_IN_JAR = "org/apache/jena/ext/xerces/"


def missing_jena_jars() -> list[str]:
    return [name for name in JENA_JARS if not (JARS / f"{name}.jar").is_file()]


def jena_classpath(work: Path) -> str:
    """The classpath of JenaClient.java: Debian's jars and a folder with the Xerces bundles
    where Debian's relocated classes look for them."""
    bundles = work / "xerces-bundles"
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(BUNDLES_IN_JAR) and name.endswith(".properties"):
                target = bundles / "xerces" / name[len(BUNDLES_IN_JAR):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return ":".join([str(JARS / f"{name}.jar") for name in JENA_JARS] + [str(bundles)])


def run_java(source: str, args: list[str], classpath: str | None = None,
             timeout: float = 120) -> subprocess.CompletedProcess:
    """`java [-cp CLASSPATH] tests/clients/SOURCE ARGS`, its output as text."""
    command = [JAVA or "java"] + (["-cp", classpath] if classpath else [])
    return subprocess.run([*command, str(HERE / source), *args], capture_output=True,
                          text=True, timeout=timeout)
