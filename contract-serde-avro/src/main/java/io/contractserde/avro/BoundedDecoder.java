package io.contractserde.avro;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder over one payload that refuses any length or item count larger than the bytes
 * left, before anything is allocated: a corrupt or hostile payload claiming a gigabyte string or a
 * billion-item array fails at once instead of exhausting the heap. Everything else is Avro's own
 * {@link BinaryDecoder}.
 */
final class BoundedDecoder extends Decoder {
  private BinaryDecoder in;

  /** Reads through {@code binary}, which decodes one payload held in memory. */
  BoundedDecoder reset(BinaryDecoder binary) {
    this.in = binary;
    return this;
  }

  private long left() throws IOException {
    return in.inputStream().available();
  }

  private int checkedLength(long length, String what) throws IOException {
    if (length < 0) {
      throw new AvroRuntimeException("Malformed data: negative " + what + " length " + length);
    }
    long left = left();
    if (length > left) {
      throw new AvroRuntimeException("Malformed data: a " + what + " of " + length + " bytes is claimed, but only "
          + left + " bytes are left in the payload");
    }
    return (int) length;
  }

  private long checkedCount(long count, String what) throws IOException {
    long left = left();
    if (count > left) {
      throw new AvroRuntimeException("Malformed data: " + count + " " + what + " items are claimed, but only "
          + left + " bytes are left in the payload");
    }
    return count;
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = checkedLength(in.readLong(), "string");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    if (length > 0) {
      in.readFixed(result.getBytes(), 0, length);
    }
    return result;
  }

  @Override
  public String readString() throws IOException {
    return readString(null).toString();
  }

  @Override
  public void skipString() throws IOException {
    in.skipFixed(checkedLength(in.readLong(), "string"));
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = checkedLength(in.readLong(), "bytes");
    ByteBuffer result;
    if (old != null && length <= old.capacity()) {
      result = old;
      result.clear();
    } else {
      result = ByteBuffer.allocate(length);
    }
    in.readFixed(result.array(), result.position(), length);
    result.limit(length);
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipFixed(checkedLength(in.readLong(), "bytes"));
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    checkedLength(length, "fixed");
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(checkedLength(length, "fixed"));
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public long readArrayStart() throws IOException {
    return checkedCount(in.readArrayStart(), "array");
  }

  @Override
  public long arrayNext() throws IOException {
    return checkedCount(in.arrayNext(), "array");
  }

  @Override
  public long skipArray() throws IOException {
    return in.skipArray();
  }

  @Override
  public long readMapStart() throws IOException {
    return checkedCount(in.readMapStart(), "map");
  }

  @Override
  public long mapNext() throws IOException {
    return checkedCount(in.mapNext(), "map");
  }

  @Override
  public long skipMap() throws IOException {
    return in.skipMap();
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }
}
