package io.contractserde.encryption;

import io.contractserde.contract.RuleMode;
import io.contractserde.encryption.dek.Kek;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * Encrypts or decrypts the values of one record under one rule, in the incumbent's layout:
 * {@code [0x00 | int32 BE DEK version] | ciphertext}, the prefix present iff
 * {@code encrypt.dek.expiry.days > 0}. Made per record; the KEK is resolved on first use.
 */
final class ValueCipher {
  private final KeyRing ring;
  private final EncryptParams params;
  private final String subject;
  private final boolean write;
  private Kek kek;

  ValueCipher(KeyRing ring, EncryptParams params, RuleContext ctx) {
    if (ctx.mode() != RuleMode.WRITE && ctx.mode() != RuleMode.READ) {
      throw new RuleException(ctx.rule().type() + " rules run on WRITE and READ, not " + ctx.mode());
    }
    this.ring = ring;
    this.params = params;
    this.subject = ctx.subject();
    this.write = ctx.mode() == RuleMode.WRITE;
  }

  boolean writing() {
    return write;
  }

  String kekName() {
    return params.kekName();
  }

  /** On write encrypts, on read decrypts. */
  byte[] apply(byte[] value) throws GeneralSecurityException {
    if (kek == null) {
      kek = ring.kek(params, write);
    }
    return write ? encrypt(value) : decrypt(value);
  }

  private byte[] encrypt(byte[] plaintext) throws GeneralSecurityException {
    KeyRing.DekEntry entry = ring.dekForWrite(params, kek, subject);
    byte[] ciphertext = entry.cryptor().encrypt(plaintext);
    if (params.expiryDays() <= 0) {
      return ciphertext;
    }
    return ByteBuffer.allocate(5 + ciphertext.length).put((byte) 0).putInt(entry.dek().version()).put(ciphertext)
        .array();
  }

  private byte[] decrypt(byte[] data) throws GeneralSecurityException {
    Integer version = null;
    int offset = 0;
    if (params.expiryDays() > 0) {
      if (data.length < 5 || data[0] != 0) {
        throw new GeneralSecurityException("the ciphertext does not start with the DEK version prefix (0x00 and"
            + " 4 bytes) that " + EncryptParams.DEK_EXPIRY_DAYS + " > 0 implies");
      }
      version = ByteBuffer.wrap(data, 1, 4).getInt();
      offset = 5;
    }
    KeyRing.DekEntry entry = ring.dekForRead(params, kek, subject, version);
    byte[] ciphertext = offset == 0 ? data : java.util.Arrays.copyOfRange(data, offset, data.length);
    return entry.cryptor().decrypt(ciphertext);
  }
}
