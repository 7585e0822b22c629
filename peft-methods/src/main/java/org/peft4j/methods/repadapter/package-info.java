/**
 * RepAdapter ({@code docs/methods.md#repadapter}): linear grouped adapters before qkv and fc1
 * that fold into them.
 */
package org.peft4j.methods.repadapter;
