package dev.lexecon.benchmarks;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.token.KeyRing;
import dev.lexecon.token.SignatureAlgorithm;
import dev.lexecon.token.SigningKey;
import dev.lexecon.token.TokenIssuer;
import dev.lexecon.token.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Capability tokens on one thread (so throughput is per core), per signing algorithm:
 *
 * <ul>
 *   <li>{@link #issue}: {@link TokenIssuer#issue} for an APPROVED decision of the standard stream
 *       at 1,000 terms (claims, RFC 8785 digest of the arguments, JSON, base64url, signature);
 *   <li>{@link #verify}: {@link TokenVerifier#verify} of a token issued for that decision, against
 *       the call it was issued for (parse, signature, claims, argument digest, revocation list);
 *   <li>{@link #rawSign}, {@link #rawVerify}: the signature alone over the same signing input
 *       (header and payload of a real token, about 600 bytes): BouncyCastle's RFC 8032 Ed25519,
 *       which the tokens use, or the JDK's {@code HmacSHA256} cloned from a keyed prototype, as
 *       the tokens do. The difference to issue and verify is what our encoding costs.
 * </ul>
 *
 * Tokens live for an hour here, so none expires during a run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenBenchmark {
  private static final int MASK = 255;

  @Param({"ED25519", "HS256"})
  public String algorithm;

  private TokenIssuer issuer;
  private TokenVerifier verifier;
  private final Decision[] decisions = new Decision[MASK + 1];
  private final DecisionRequest[] requests = new DecisionRequest[MASK + 1];
  private final String[] tokens = new String[MASK + 1];
  private final ExpectedCall[] calls = new ExpectedCall[MASK + 1];
  private final byte[][] signingInputs = new byte[MASK + 1][];
  private final byte[][] signatures = new byte[MASK + 1][];
  private Ed25519PrivateKeyParameters rawPrivate;
  private Ed25519PublicKeyParameters rawPublic;
  private Mac macPrototype;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    SignatureAlgorithm alg = SignatureAlgorithm.valueOf(algorithm);
    KeyRing ring = KeyRing.of(SigningKey.generate(alg));
    issuer = TokenIssuer.builder(ring).ttl(Duration.ofHours(1)).build();
    verifier = TokenVerifier.builder(ring).build();

    // APPROVED decisions and their requests, as decide() would issue tokens for them.
    Workload workload = Workload.generate(Workload.STANDARD_SEED, 1000);
    List<DecisionRequest> approved = new ArrayList<>();
    List<Decision> approvedDecisions = new ArrayList<>();
    try (Lexecon lexecon = Lexecon.builder().policy(workload.policy()).build()) {
      for (DecisionRequest r : RequestStream.standard(workload)) {
        Decision d = lexecon.evaluate(r);
        if (d.outcome() == Outcome.APPROVED) {
          approved.add(r);
          approvedDecisions.add(d);
        }
      }
    }
    for (int i = 0; i <= MASK; i++) {
      requests[i] = approved.get(i % approved.size());
      decisions[i] = approvedDecisions.get(i % approved.size());
      CapabilityToken token = issuer.issue(decisions[i], requests[i], "entry_" + (i + 2));
      tokens[i] = token.value();
      calls[i] = ExpectedCall.of(requests[i]);
      if (!verifier.verify(tokens[i], calls[i]).accepted()) {
        throw new IllegalStateException("a fresh token does not verify: "
            + verifier.verify(tokens[i], calls[i]));
      }
      String jws = tokens[i].substring(CapabilityToken.PREFIX.length());
      int dot = jws.lastIndexOf('.');
      signingInputs[i] = jws.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    }

    SecureRandom random = new SecureRandom();
    rawPrivate = new Ed25519PrivateKeyParameters(random);
    rawPublic = rawPrivate.generatePublicKey();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    macPrototype = Mac.getInstance("HmacSHA256");
    macPrototype.init(new SecretKeySpec(secret, "HmacSHA256"));
    for (int i = 0; i <= MASK; i++) {
      signatures[i] = rawSign(signingInputs[i]);
    }
    if (!rawVerify(signingInputs[0], signatures[0])) {
      throw new IllegalStateException("raw signature does not verify");
    }
    System.out.printf("%n[%s tokens: %d characters, signing input %d bytes]%n",
        algorithm, tokens[0].length(), signingInputs[0].length);
  }

  private byte[] rawSign(byte[] data) {
    if (algorithm.equals("ED25519")) {
      byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
      rawPrivate.sign(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, signature, 0);
      return signature;
    }
    try {
      return ((Mac) macPrototype.clone()).doFinal(data);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean rawVerify(byte[] data, byte[] signature) {
    if (algorithm.equals("ED25519")) {
      return rawPublic.verify(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, signature, 0);
    }
    return MessageDigest.isEqual(rawSign(data), signature);
  }

  @Benchmark
  public CapabilityToken issue() {
    int i = next++ & MASK;
    return issuer.issue(decisions[i], requests[i], "entry_42");
  }

  @Benchmark
  public TokenVerification verify() {
    int i = next++ & MASK;
    return verifier.verify(tokens[i], calls[i]);
  }

  @Benchmark
  public byte[] rawSign() {
    return rawSign(signingInputs[next++ & MASK]);
  }

  @Benchmark
  public boolean rawVerify() {
    int i = next++ & MASK;
    return rawVerify(signingInputs[i], signatures[i]);
  }
}
