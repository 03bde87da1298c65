package jmoo.disks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import jmoo.cli.UserError;
import jmoo.replay.Sha256;

/**
 * The shipped root filesystem, decompressed once into a cache and never written: the gzip file
 * is checked against SHA256SUMS, decompressed to {@code rootfs-<sha>.ext2} (named by the gzip's
 * hash, so an updated image gets a new file and COWs over the old one stay valid), made
 * read-only on disk, and given a fixed modification time, so that a COW a user made over it still
 * matches (UML checks the backing's mtime) after the cache is rebuilt. The decompressed file's own
 * sha256 is kept beside it and checked at every use.
 */
public final class RootfsCache {
    static final String NAME = "rootfs.ext2.gz";
    /** 2026-01-01T00:00:00Z, the date the guest kernel's version string is pinned to. */
    static final FileTime FIXED_MTIME = FileTime.fromMillis(1767225600_000L);

    private RootfsCache() {
    }

    /** The verified, read-only decompressed image; decompresses it first when needed. */
    public static Path image(ShippedImages images) throws UserError {
        String gzSha = images.expectedSha256(NAME);
        Path cacheDir = images.cacheDir();
        Path image = cacheDir.resolve("rootfs-" + gzSha.substring(0, 16) + ".ext2");
        Path sumFile = image.resolveSibling(image.getFileName() + ".sha256");
        try {
            if (Files.isRegularFile(image) && Files.isRegularFile(sumFile)
                    && Sha256.ofFile(image).equals(Files.readString(sumFile).trim())) {
                return image;
            }
            Files.createDirectories(cacheDir);
            decompress(images.compressedRootfs(), gzSha, image, sumFile);
            return image;
        } catch (IOException e) {
            throw new UserError("preparing the shipped root filesystem in " + cacheDir + ": " + DiskOpener.describe(e));
        }
    }

    private static void decompress(Path gz, String gzSha, Path image, Path sumFile) throws IOException, UserError {
        Path tmp = Files.createTempFile(image.getParent(), image.getFileName() + ".", ".tmp");
        try {
            MessageDigest gzDigest = Sha256.newDigest();
            MessageDigest imageDigest = Sha256.newDigest();
            try (InputStream in = new GZIPInputStream(new DigestInputStream(Files.newInputStream(gz), gzDigest), 1 << 16);
                 OutputStream out = new java.security.DigestOutputStream(Files.newOutputStream(tmp), imageDigest)) {
                in.transferTo(out);
            }
            String found = HexFormat.of().formatHex(gzDigest.digest());
            if (!found.equals(gzSha)) {
                throw new UserError(gz + ": sha256 " + found + " does not match " + gz.resolveSibling("SHA256SUMS")
                        + " (" + gzSha + "); restore it with git checkout");
            }
            Files.setLastModifiedTime(tmp, FIXED_MTIME);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r--r--"));
            Files.writeString(sumFile, HexFormat.of().formatHex(imageDigest.digest()) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, image, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
