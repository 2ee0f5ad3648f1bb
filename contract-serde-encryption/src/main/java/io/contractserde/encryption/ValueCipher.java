package io.contractserde.encryption;

import io.contractserde.contract.Rule;
import io.contractserde.format.shape.FieldType;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.field.FieldContext;
import io.contractserde.rule.field.FieldTransform;
import io.contractserde.rule.field.Utf8FieldTransform;
import io.contractserde.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Encrypts or decrypts the values of one rule for one subject, in the incumbent's layout:
 * {@code [0x00 | int32 BE DEK version] | ciphertext}, the prefix present iff
 * {@code encrypt.dek.expiry.days > 0}. Made once per rule, subject and mode and shared by every
 * thread that runs the rule (see {@link ExecutorState#cipher}); thread-safe.
 *
 * <p>It keeps the KEK and DEK it used last and, per value, only checks that the key ring would still
 * hand them out ({@code cache.expiry.secs}, rotation after {@code encrypt.dek.expiry.days}, the
 * version a ciphertext names), so a record makes no cache look-up. The KEK is resolved on the first
 * value that is not null: a record whose tagged fields are all null never reaches the KMS.
 */
final class ValueCipher {
  private final KeyRing ring;
  private final EncryptParams params;
  private final Rule rule;
  private final String subject;
  private final boolean write;
  private final FieldTransform fields = new Utf8FieldTransform() {
    @Override
    public Object apply(FieldContext field, Object value) {
      return field(field, value);
    }

    @Override
    public byte[] applyUtf8(FieldContext field, byte[] utf8) {
      return text(field, utf8);
    }
  };
  /** The keys used last, or null before the first value. */
  private volatile Keys keys;

  ValueCipher(KeyRing ring, EncryptParams params, Rule rule, String subject, boolean write) {
    this.ring = ring;
    this.params = params;
    this.rule = rule;
    this.subject = subject;
    this.write = write;
  }

  /** True when this cipher runs {@code rule} (the same object) for {@code subject} in that direction. */
  boolean serves(Rule rule, String subject, boolean write) {
    return this.rule == rule && this.write == write && Objects.equals(this.subject, subject);
  }

  boolean writing() {
    return write;
  }

  String kekName() {
    return params.kekName();
  }

  /**
   * The {@code ENCRYPT} transform of a field's value: a string becomes the standard Base64 text of
   * its ciphertext (and back), taken and given as UTF-8 bytes, bytes stay bytes, null stays null; a
   * field of another type fails.
   */
  FieldTransform fields() {
    return fields;
  }

  /** On write encrypts, on read decrypts. */
  byte[] apply(byte[] value) throws GeneralSecurityException {
    return write ? encrypt(value) : decrypt(value);
  }

  private Object field(FieldContext field, Object value) {
    if (value == null) {
      // A null of a nullable union stays null, as the incumbent leaves it: nothing to encrypt.
      return null;
    }
    if (field.type() == FieldType.STRING) {
      byte[] text = ((String) value).getBytes(StandardCharsets.UTF_8);
      byte[] result = text(field, text);
      return result == text ? value : new String(result, StandardCharsets.UTF_8);
    }
    if (field.type() != FieldType.BYTES) {
      throw new RuleException("field " + field.fullName() + ": type " + field.type()
          + " is not supported for encryption (only string and bytes fields are)");
    }
    return bytes(field, (byte[]) value);
  }

  /**
   * A string field's UTF-8 bytes encrypted into the ASCII of their standard Base64 text, or that
   * text decrypted back into the string's bytes.
   */
  private byte[] text(FieldContext field, byte[] utf8) {
    if (write) {
      return Base64.getEncoder().encode(bytes(field, utf8));
    }
    byte[] data;
    try {
      data = Base64.getDecoder().decode(utf8);
    } catch (IllegalArgumentException e) {
      throw failed(field, new GeneralSecurityException("the value is not Base64 ciphertext"));
    }
    return bytes(field, data);
  }

  /** A field's bytes encrypted or decrypted; a failure names the field (and the KEK, which the key ring names too). */
  private byte[] bytes(FieldContext field, byte[] value) {
    try {
      return apply(value);
    } catch (GeneralSecurityException e) {
      throw failed(field, e);
    } catch (RuleException e) {
      // A key that cannot be had: the KEK is named by the key ring, the field here.
      throw new RuleException("field " + field.fullName() + ": " + e.getMessage(), e);
    }
  }

  private RuleException failed(FieldContext field, GeneralSecurityException e) {
    return new RuleException("field " + field.fullName() + " (KEK '" + kekName() + "'): "
        + (write ? "encryption" : "decryption") + " failed: " + e.getMessage());
  }

  private byte[] encrypt(byte[] plaintext) throws GeneralSecurityException {
    KeyRing.DekEntry entry = dekForWrite();
    byte[] ciphertext = entry.cryptor().encrypt(plaintext);
    if (params.expiryDays() <= 0) {
      return ciphertext;
    }
    byte[] out = new byte[WireFormat.ID_PREFIX_LENGTH + ciphertext.length];
    WireFormat.writeIdPrefix(out, 0, entry.dek().version()); // 0x00 and the int32 BE version, as a schema id
    System.arraycopy(ciphertext, 0, out, WireFormat.ID_PREFIX_LENGTH, ciphertext.length);
    return out;
  }

  private byte[] decrypt(byte[] data) throws GeneralSecurityException {
    if (params.expiryDays() <= 0) {
      return dekForRead(false, 0).cryptor().decrypt(data);
    }
    if (data.length < WireFormat.ID_PREFIX_LENGTH || data[0] != WireFormat.MAGIC_ID) {
      ring.kek(params, false); // the KEK is resolved first, as for every value: a missing one is the error to report
      throw new GeneralSecurityException("the ciphertext does not start with the DEK version prefix (0x00 and"
          + " 4 bytes) that " + EncryptParams.DEK_EXPIRY_DAYS + " > 0 implies");
    }
    int version = WireFormat.readIdPrefix(data, 0);
    return dekForRead(true, version).cryptor().decrypt(Arrays.copyOfRange(data, WireFormat.ID_PREFIX_LENGTH, data.length));
  }

  /** The DEK to write with: the one used last while the key ring would still give it. */
  private KeyRing.DekEntry dekForWrite() {
    Keys k = keys;
    if (k != null && ring.fresh(k.kek().loaded()) && ring.writableWith(k.dek(), params)) {
      return k.dek();
    }
    KeyRing.KekEntry kek = ring.kek(params, true);
    KeyRing.DekEntry dek = ring.dekForWrite(params, kek.kek(), subject);
    keys = new Keys(kek, dek, false, 0);
    return dek;
  }

  /** The DEK of a ciphertext ({@code version} when the ciphertext names one): the one used last when it matches. */
  private KeyRing.DekEntry dekForRead(boolean versioned, int version) {
    Keys k = keys;
    if (k != null && k.versioned() == versioned && k.version() == version && ring.fresh(k.kek().loaded())
        && ring.fresh(k.dek().loaded())) {
      return k.dek();
    }
    KeyRing.KekEntry kek = ring.kek(params, false);
    KeyRing.DekEntry dek = ring.dekForRead(params, kek.kek(), subject, versioned ? version : null);
    keys = new Keys(kek, dek, versioned, version);
    return dek;
  }

  @Override
  public String toString() {
    return "ValueCipher[" + rule.name() + ", subject " + subject + ", " + (write ? "write" : "read") + "]";
  }

  /** A KEK and the DEK used with it; on read, the version the ciphertext named (when {@code versioned}). */
  private record Keys(KeyRing.KekEntry kek, KeyRing.DekEntry dek, boolean versioned, int version) {}
}
