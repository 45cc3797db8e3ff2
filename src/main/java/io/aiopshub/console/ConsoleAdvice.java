package io.aiopshub.console;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.aiopshub.api.NotFoundException;
import io.aiopshub.ingest.FieldProblem;
import io.aiopshub.ingest.PayloadValidationException;

/** What every console page shows (who is logged in) and how bad input is answered: a page naming the field. */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
public class ConsoleAdvice {

    /** The htmx script, as the pom's {@code htmx.version} packs it. */
    static final String HTMX = "htmx.org/2.0.4/dist/htmx.min.js";

    @ModelAttribute
    void common(Model model, Principal principal) {
        model.addAttribute("user", principal == null ? null : ConsoleIdentity.shown(principal));
        model.addAttribute("htmx", HTMX);
    }

    @ExceptionHandler(PayloadValidationException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badInput(PayloadValidationException e, Model model) {
        model.addAttribute("status", 400);
        model.addAttribute("problems", e.getProblems());
        return "console/error";
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFoundException e, Model model) {
        model.addAttribute("status", 404);
        model.addAttribute("problems", List.of(new FieldProblem("id", e.getMessage())));
        return "console/error";
    }
}
