package jmoo.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import jmoo.cli.UserError;

/**
 * The self-contained jar the bench module builds (bench/target/benchmarks.jar, made by
 * `./jmoo`'s package step): JMH's runner plus every benchmark and the code they measure. The
 * emulator module cannot depend on the bench module (bench depends on it), so benchmarks run
 * from this jar in a child JVM.
 */
record BenchJar(Path path) {

    /** The jar under the checkout that `./jmoo` runs from (system property jmoo.root). */
    static BenchJar fromCheckout() throws UserError {
        Path root = Path.of(System.getProperty("jmoo.root", System.getProperty("user.dir")));
        Path jar = root.resolve("bench/target/benchmarks.jar");
        if (!Files.isRegularFile(jar)) {
            throw new UserError(jar + " is missing: build it with `mvn -B -q -DskipTests package` in " + root);
        }
        return new BenchJar(jar);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
