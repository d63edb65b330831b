/**
 * Seals secrets at rest (access key secrets, generated passwords). `open(seal(x)) === x`;
 * `open` throws on tampered input or a wrong key.
 */
export interface Cipher {
  seal(plaintext: string): string;
  open(sealed: string): string;
}
