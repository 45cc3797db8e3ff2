package io.aiopshub.chat.approval;

/** The buttons of an approval message (and the approve/reject commands). */
public enum ChatDecision {
    APPROVE, REJECT, DETAILS
}
