package dev.lexecon.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 digests for every part of Lexecon that hashes: canonical JSON, ledger entries, Merkle
 * nodes, commitments, token arguments, evidence and exports.
 *
 * <p>A new digest is a clone of one prototype: a provider lookup ({@code
 * MessageDigest.getInstance}) costs several times more, which mattered on paths that hash once
 * per decision or per proof. Thread-safe; each returned digest belongs to its caller.
 */
public final class Sha256 {
  private static final MessageDigest PROTOTYPE = lookUp();

  private Sha256() {}

  /** A fresh SHA-256 digest. */
  public static MessageDigest newDigest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp(); // the JDK's SHA-256 clones; another provider might not
    }
  }

  /** The SHA-256 of {@code bytes}. */
  public static byte[] of(byte[] bytes) {
    return newDigest().digest(bytes);
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must implement SHA-256 (MessageDigest Javadoc).
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
