package jmoo.cli.bench;

/** One scenario's result: raw and COW operations per second, and the COW/raw ratio. */
record Measured(double rawOps, double cowOps, double ratio) {
}
