package io.contractserde.testing;

import java.util.Arrays;
import java.util.Random;

/** Mutations of a valid frame for fuzz tests: bit flips, byte changes, cuts, insertions, long varints. */
public final class Fuzz {
  private Fuzz() {}

  public static byte[] mutate(byte[] seed, Random random) {
    byte[] b = seed.clone();
    switch (random.nextInt(6)) {
      case 0 -> {
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          int at = random.nextInt(b.length);
          b[at] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length));
      case 3 -> {
        int at = random.nextInt(b.length + 1);
        byte[] extra = new byte[1 + random.nextInt(8)];
        random.nextBytes(extra);
        byte[] out = new byte[b.length + extra.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(b, at, out, at + extra.length, b.length - at);
        b = out;
      }
      case 4 -> {
        // A varint that claims a huge length or count, somewhere in the payload.
        int at = 5 + random.nextInt(Math.max(1, b.length - 5));
        if (at + 4 < b.length) {
          b[at] = (byte) 0xFE;
          b[at + 1] = (byte) 0xFF;
          b[at + 2] = (byte) 0xFF;
          b[at + 3] = (byte) 0xFF;
          b[at + 4] = (byte) 0x0F;
        }
      }
      default -> {
        byte[] random5 = new byte[5 + random.nextInt(40)];
        random.nextBytes(random5);
        System.arraycopy(b, 0, random5, 0, Math.min(5, random5.length));
        b = random5;
      }
    }
    return b;
  }
}
